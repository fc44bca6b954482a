package dev.slipway.server.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A small HTTP client for tests against a server on loopback (the JDK's {@link HttpClient}): every method takes a path
 * such as {@code /api/v1/health}, waits for the whole response and returns it, whatever its status.
 */
public final class TestHttpClient
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param base the server's base URI, e.g. {@code http://127.0.0.1:41234/} */
    public TestHttpClient(URI base)
    {
        this.base = requireNonNull(base, "base is null");
    }

    public URI base()
    {
        return base;
    }

    public TestResponse get(String path)
    {
        return send(request(path).GET().build());
    }

    /** POST without a body. */
    public TestResponse post(String path)
    {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** POST with a JSON body. */
    public TestResponse postJson(String path, String json)
    {
        return post(path, "application/json", json);
    }

    public TestResponse post(String path, String contentType, String body)
    {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    public TestResponse delete(String path)
    {
        return send(request(path).DELETE().build());
    }

    /** Any method, with an optional body. */
    public TestResponse send(String method, String path, String contentType, String body)
    {
        HttpRequest.Builder request = request(path);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpRequest.Builder request(String path)
    {
        return HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path)).timeout(TIMEOUT);
    }

    public TestResponse send(HttpRequest request)
    {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new TestResponse(response.statusCode(), response.headers(), response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), e);
        }
    }
}
