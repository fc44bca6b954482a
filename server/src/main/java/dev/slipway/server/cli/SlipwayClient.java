package dev.slipway.server.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST API of one Slipway server over HTTP ({@code docs/api.md}): builds requests under {@code /api/v1} with the
 * token as {@code Authorization: Bearer …}, sends them with the JDK's {@link HttpClient}, and turns what goes wrong into
 * a {@link CliFailure} — the server's error ({@code {"code","message","details"}}) as it is, an unreachable server
 * with its URL. Used by one command at a time, on the command's thread.
 */
final class SlipwayClient
{
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final Optional<String> token;
    private final HttpClient http;

    /**
     * @param server the server's base URL, such as {@code http://127.0.0.1:8080/}
     * @param token sent with every request when present
     */
    SlipwayClient(URI server, Optional<String> token, HttpClient http)
    {
        this.server = requireNonNull(server, "server is null");
        this.token = requireNonNull(token, "token is null");
        this.http = requireNonNull(http, "http is null");
    }

    URI server()
    {
        return server;
    }

    HttpClient http()
    {
        return http;
    }

    /** @return the API path of the segments, each encoded: {@code api("builds", id, "logs")} */
    static String api(String... segments)
    {
        StringJoiner path = new StringJoiner("/", "api/v1/", "");
        for (String segment : segments) {
            path.add(segment(segment));
        }
        return path.toString();
    }

    /** Percent-encodes everything but unreserved characters and the colon of build ids ({@code web:6f1c…}). */
    static String segment(String segment)
    {
        StringBuilder encoded = new StringBuilder();
        boolean onlyDots = !segment.isEmpty() && segment.chars().allMatch(c -> c == '.');
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '~' || c == ':'
                    || (c == '.' && !onlyDots);
            if (plain) {
                encoded.append(c);
            }
            else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    /** @return the URI of the path with the query parameters whose values are not null, in their order */
    URI uri(String path, Map<String, String> query)
    {
        StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null) {
                parameters.add(encode(name) + "=" + encode(value));
            }
        });
        return server.resolve(path + parameters);
    }

    private static String encode(String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A request with the token and the given Accept header, without a timeout (streams set none). */
    HttpRequest.Builder request(URI uri, String accept)
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", accept).header("User-Agent", "slipway-cli");
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return request;
    }

    ApiResponse get(String path, Map<String, String> query)
    {
        return send(request(uri(path, query), "application/json").GET());
    }

    /** POST with a JSON body, or with none. */
    ApiResponse post(String path, Optional<String> json)
    {
        return send(withBody(request(uri(path, Map.of()), "application/json"), "POST", json));
    }

    ApiResponse put(String path, String json)
    {
        return send(withBody(request(uri(path, Map.of()), "application/json"), "PUT", Optional.of(json)));
    }

    ApiResponse delete(String path)
    {
        return send(request(uri(path, Map.of()), "application/json").DELETE());
    }

    private static HttpRequest.Builder withBody(HttpRequest.Builder request, String method, Optional<String> json)
    {
        if (json.isEmpty()) {
            return request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json.get(), StandardCharsets.UTF_8));
    }

    private ApiResponse send(HttpRequest.Builder builder)
    {
        HttpRequest request = builder.timeout(REQUEST_TIMEOUT).build();
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw failure(request, response.statusCode(), response.body());
        }
        return new ApiResponse(request, response.statusCode(), response.headers().firstValue("Content-Type")
                .map(type -> type.split(";")[0].trim()).orElse("no content type"), response.body());
    }

    /**
     * Sends a GET whose body is read as a stream (a log download); an error answer is a failure.
     *
     * @return the body, to be closed by the caller
     */
    InputStream stream(String path)
    {
        HttpRequest request = request(uri(path, Map.of()), "text/plain").timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                body = "";
            }
            throw failure(request, response.statusCode(), body);
        }
        return response.body();
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler)
    {
        try {
            return http.send(request, handler);
        }
        catch (IOException e) {
            throw unreachable(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.local("Interrupted while waiting for " + server, e);
        }
    }

    /** @return the failure that says the server could not be reached, or stopped answering, and names its URL */
    CliFailure unreachable(Throwable cause)
    {
        return CliFailure.unreachable("cannot reach the Slipway server at " + server + " (" + reason(cause) + "); --server or SLIPWAY_SERVER names the server",
                cause);
    }

    /** @return why a connection failed, in a few words */
    static String reason(Throwable cause)
    {
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within 10 s";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        return describe(cause);
    }

    /** @return the first message in the chain, else the name of the innermost exception */
    static String describe(Throwable failure)
    {
        Throwable innermost = failure;
        for (Throwable current = failure; current != null; current = current.getCause()) {
            String message = current.getMessage();
            if (message != null && !message.isBlank()) {
                return message;
            }
            innermost = current;
        }
        return innermost.getClass().getSimpleName();
    }

    /** @return the server's error as it is, or what the answer was when it is not a Slipway error */
    static CliFailure failure(HttpRequest request, int status, String body)
    {
        try {
            JsonNode error = JSON.readTree(body);
            if (error != null && error.path("message").isTextual()) {
                List<String> details = new ArrayList<>();
                error.path("details").forEach(detail -> details.add(detail.asText()));
                return CliFailure.server(error.path("message").asText(), details);
            }
        }
        catch (JsonProcessingException e) {
            // Not the API's error body: a proxy's page, another server. Described below.
        }
        String text = body.strip();
        String firstLine = text.lines().findFirst().orElse("");
        if (firstLine.length() > 200) {
            firstLine = firstLine.substring(0, 200) + "…";
        }
        return CliFailure.server(request.method() + " " + request.uri() + " answered HTTP " + status + (firstLine.isEmpty() ? "" : ": " + firstLine)
                + " (not a Slipway error: is this the Slipway server's URL?)", List.of());
    }

    /**
     * An answer with a 2xx status.
     *
     * @param contentType the Content-Type header
     * @param body exactly what the server sent (what {@code --output json} prints)
     */
    record ApiResponse(HttpRequest request, int status, String contentType, String body)
    {
        /** @return the body as JSON; a failure if it is not JSON (a server that is not Slipway) */
        JsonNode json()
        {
            try {
                return JSON.readTree(body);
            }
            catch (JsonProcessingException e) {
                throw CliFailure.local(request.method() + " " + request.uri() + " answered with " + contentType + ", not JSON: is this the Slipway "
                        + "server's URL?", e);
            }
        }
    }
}
