package dev.slipway.server.testing;

import static java.util.Objects.requireNonNull;

import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An HTTP response as {@link TestHttpClient} returns it: status, headers and the body as text.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body as UTF-8 text; empty when there is none
 */
public record TestResponse(int status, HttpHeaders headers, String body)
{
    private static final ObjectMapper JSON = new ObjectMapper();

    public TestResponse
    {
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
    }

    /** @return the body parsed as JSON */
    public JsonNode json()
    {
        try {
            return JSON.readTree(body);
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException("The body (status " + status + ") is not JSON: " + body, e);
        }
    }

    /** @return the first value of a header */
    public Optional<String> header(String name)
    {
        return headers.firstValue(name);
    }

    @Override
    public String toString()
    {
        return status + " " + body;
    }
}
