package dev.slipway.server.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;

/** Writes the API's error body ({@link ErrorJson}) where Jersey is not involved: servlet filters and Jetty's error handling. */
final class ErrorBodies
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ErrorBodies() {}

    static byte[] json(ErrorJson error)
    {
        try {
            return MAPPER.writeValueAsBytes(error);
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(HttpServletResponse response, int status, ErrorJson error)
            throws IOException
    {
        byte[] body = json(error);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
