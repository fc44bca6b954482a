package dev.slipway.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.slipway.server.config.SlipwayVersion;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestResponse;

/** The HTTP layer: error bodies and statuses, JSON, the console with its fallback and caching, health. */
class HttpIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = SlipwayServerExtension.builder()
            .module(new ProbeResource.Module())
            .home(HttpIT::writeConsole)
            .config("server.console-directory", "console")
            .build();

    @ParameterizedTest
    @CsvSource({
            "not-found, 404, NOT_FOUND, Project 'web' does not exist",
            "invalid, 400, INVALID_ARGUMENT, name: must not be empty",
            "conflict, 409, CONFLICT, already running",
            "unsupported, 501, NOT_SUPPORTED, not here",
            "timeout, 504, TIMEOUT, too slow",
            "external, 502, EXTERNAL_FAILURE, git host down",
            "plugin, 500, PLUGIN_FAILURE, plugin broke",
            "internal, 500, INTERNAL, bug",
    })
    void slipwayExceptionsBecomeTheirStatusAndTheErrorBody(String how, int status, String code, String message, TestHttpClient client)
    {
        TestResponse response = client.get("/api/v1/probe/fail/" + how);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).contains("application/json");
        assertThat(response.json().path("code").asText()).isEqualTo(code);
        assertThat(response.json().path("message").asText()).isEqualTo(message);
        assertThat(response.json().path("details").isArray()).isTrue();
    }

    @Test
    void errorDetailsArePassedOn(TestHttpClient client)
    {
        assertThat(client.get("/api/v1/probe/fail/not-found").body())
                .isEqualTo("{\"code\":\"NOT_FOUND\",\"message\":\"Project 'web' does not exist\",\"details\":[\"projects: [api]\"]}");
    }

    @Test
    void unexpectedExceptionsAre500WithoutInternals(TestHttpClient client)
    {
        TestResponse response = client.get("/api/v1/probe/fail/boom?detail=hunter2");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().path("code").asText()).isEqualTo("INTERNAL");
        assertThat(response.json().path("message").asText()).matches("Internal error \\(reference [0-9a-f]{8}\\); the server log has the details");
        assertThat(response.body()).doesNotContain("hunter2", "IllegalStateException", "\tat ");
    }

    @Test
    void unknownEndpointsAreJson404(TestHttpClient client)
    {
        TestResponse response = client.get("/api/v1/nothing-here");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(response.json().path("message").asText()).isEqualTo("No API endpoint at GET /api/v1/nothing-here");
    }

    @Test
    void wrongMethodIsJson405WithTheAllowedMethods(TestHttpClient client)
    {
        TestResponse response = client.delete("/api/v1/health");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isPresent();
        assertThat(response.json().path("code").asText()).isEqualTo("NOT_SUPPORTED");
        assertThat(response.json().path("message").asText()).startsWith("Method DELETE is not allowed on /api/v1/health; allowed: GET");
    }

    @Test
    void wrongContentTypeIsJson415(TestHttpClient client)
    {
        TestResponse response = client.post("/api/v1/probe/echo", "text/plain", "name=x");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().path("code").asText()).isEqualTo("NOT_SUPPORTED");
        assertThat(response.json().path("message").asText()).isEqualTo("Content type text/plain is not supported by POST /api/v1/probe/echo; send application/json");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/v1/events|text/event-stream",
            "/api/v1/builds/web:1/logs/stream|text/event-stream",
            "/api/v1/projects/web/badge.svg|image/svg+xml",
            "/api/v1/health|application/json",
    })
    void notAcceptableNamesWhatTheEndpointProduces(String path, String produced, TestHttpClient client)
    {
        TestResponse response = client.send(client.request(path).header("Accept", "application/xml").GET().build());

        assertThat(response.status()).isEqualTo(406);
        assertThat(response.json().path("code").asText()).isEqualTo("NOT_SUPPORTED");
        assertThat(response.json().path("message").asText()).isEqualTo("GET " + path + " cannot produce any of [application/xml]; it produces " + produced);
    }

    @Test
    void jsonRoundTrips(TestHttpClient client)
    {
        TestResponse response = client.postJson("/api/v1/probe/echo", "{\"name\": \"web\", \"count\": 3}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"name\":\"web\",\"count\":3}");
    }

    @Test
    void malformedJsonIs400WithLineAndColumn(TestHttpClient client)
    {
        TestResponse response = client.postJson("/api/v1/probe/echo", "{\n  \"name\": \"web\",\n  \"count\": }");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(response.json().path("message").asText()).startsWith("Invalid request body at line 3, column 12: Unexpected character ('}'");
    }

    @Test
    void wrongFieldsAre400NamingTheField(TestHttpClient client)
    {
        TestResponse wrongType = client.postJson("/api/v1/probe/echo", "{\"name\": \"web\", \"count\": \"many\"}");
        TestResponse unknown = client.postJson("/api/v1/probe/echo", "{\"name\": \"web\", \"colour\": \"red\"}");

        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("message").asText()).isEqualTo("Invalid request body at line 1, column 26: count: expected a whole number, got a string");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("message").asText())
                .isEqualTo("Invalid request body at line 1, column 33 (field 'colour'): unknown field 'colour'; known fields: [count, name]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\": 55, \"count\": 1}|Invalid request body at line 1, column 10: name: expected a string, got a whole number",
            "{\"name\": true, \"count\": 1}|Invalid request body at line 1, column 10: name: expected a string, got a boolean",
            "{\"name\": \"web\", \"count\": 60.5}|Invalid request body at line 1, column 26: count: expected a whole number, got a decimal number",
            "{\"name\": \"web\", \"count\": \"60\"}|Invalid request body at line 1, column 26: count: expected a whole number, got a string",
            "{\"name\": \"web\", \"count\": true}|Invalid request body at line 1, column 26: count: expected a whole number, got a boolean",
            "{\"name\": [\"web\"], \"count\": 1}|Invalid request body at line 1, column 10: name: expected a string, got a list",
            "[1]|Invalid request body at line 1, column 1: (body): expected an object, got a list",
    })
    void scalarsAreNeverCoerced(String body, String message, TestHttpClient client)
    {
        TestResponse response = client.postJson("/api/v1/probe/echo", body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(response.json().path("message").asText()).isEqualTo(message);
    }

    @Test
    void duplicateKeysAre400(TestHttpClient client)
    {
        TestResponse response = client.postJson("/api/v1/probe/echo", "{\"name\": \"web\", \"count\": 1, \"name\": \"api\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).startsWith("Invalid request body at line 1, column ").contains("Duplicate field 'name'");
    }

    @Test
    void instantsAndDurationsAreIsoAndAbsentOptionalsNull(TestHttpClient client)
    {
        assertThat(client.get("/api/v1/probe/values").body())
                .isEqualTo("{\"at\":\"2026-11-26T13:00:00Z\",\"duration\":\"PT1M30S\",\"absent\":null,\"present\":\"present\"}");
    }

    @Test
    void healthReportsTheServerAndTheDatabase(TestHttpClient client)
    {
        TestResponse response = client.get("/api/v1/health");

        assertThat(response.status()).isEqualTo(200);
        JsonNode health = response.json();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("version").asText()).isEqualTo(SlipwayVersion.current().server());
        assertThat(health.path("startedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(health.path("uptimeSeconds").asLong()).isNotNegative();
        assertThat(health.path("database").toString()).isEqualTo("{\"status\":\"UP\",\"product\":\"H2\",\"version\":\"2.5.252\"}");
        assertThat(health.path("plugins").toString()).isEqualTo("{\"total\":0,\"started\":0,\"failed\":0,\"states\":{}}");
    }

    @Test
    void consoleIndexIsServedAtTheRootAndNeverCached(TestHttpClient client)
    {
        TestResponse response = client.get("/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("<title>Slipway test console</title>");
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.header("Cache-Control")).contains("no-cache");
    }

    @Test
    void unknownConsoleRoutesGetTheIndexForTheSinglePageApp(TestHttpClient client)
    {
        TestResponse response = client.get("/plugins/alpha");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("<title>Slipway test console</title>");
        assertThat(response.header("Cache-Control")).contains("no-cache");
    }

    @Test
    void hashedAssetsAreCachedForAYear(TestHttpClient client)
    {
        TestResponse response = client.get("/assets/index-4f3a2b1c.js");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("console.log('slipway');\n");
        assertThat(response.header("Cache-Control")).contains("public, max-age=31536000, immutable");
    }

    @Test
    void otherConsoleFilesAreRevalidated(TestHttpClient client)
    {
        TestResponse response = client.get("/favicon.svg");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-cache");
    }

    @Test
    void missingFilesWithAnExtensionAre404NotTheIndex(TestHttpClient client)
    {
        TestResponse response = client.get("/assets/gone-12345678.js");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("Slipway test console");
    }

    @Test
    void theApiIsNeverAnsweredByTheConsole(TestHttpClient client)
    {
        assertThat(client.get("/api/nothing").json().path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(client.get("/api").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v1/builds/%25, 400",
            "/api/v1/builds/a%00b, 400",
            "/api/v1/builds/a%5Cb, 400",
            "/api/v1/projects/..%2F..%2Fetc, 400",
    })
    void pathsJettyRejectsGetTheJsonErrorBody(String path, int status, TestHttpClient client)
    {
        TestResponse response = client.get(path);

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.body()).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.json().path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(response.json().path("message").asText()).startsWith("Bad request").contains("path segments must not be empty");
        assertThat(response.json().path("details").isArray()).isTrue();
    }

    @Test
    void anEmptySegmentIsMergedLikeAnyServerWould(TestHttpClient client)
    {
        TestResponse response = client.get("/api//v1/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void aTooLongIdIsJson414(TestHttpClient client)
    {
        TestResponse response = client.get("/api/v1/builds/" + "a".repeat(20_000));

        assertThat(response.status()).isEqualTo(414);
        // Jetty drops the connection after a request line it could not read; a client told so does not reuse it.
        assertThat(response.header("Connection")).contains("close");
        assertThat(response.header("Content-Type")).as(response.body()).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.json().path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(response.json().path("message").asText()).startsWith("The request URI is too long");
    }

    @Test
    void oversizedHeadersAreJson431(TestHttpClient client)
    {
        TestResponse response = client.send(client.request("/api/v1/health").header("X-Padding", "p".repeat(20_000)).GET().build());

        assertThat(response.status()).isEqualTo(431);
        assertThat(response.header("Connection")).contains("close");
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.json().path("message").asText()).startsWith("The request headers are too large");
    }

    @Test
    void outsideTheApiJettysErrorsArePlainTextNotHtml(TestHttpClient client)
    {
        TestResponse response = client.get("/assets/..%2F..%2Fetc");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).startsWith("Bad request /assets/..%2F..%2Fetc").doesNotContain("<html");
    }

    private static void writeConsole(Path home)
    {
        try {
            Path console = Files.createDirectories(home.resolve("console/assets"));
            Files.writeString(console.resolveSibling("index.html"), "<!doctype html><html><head><title>Slipway test console</title></head><body></body></html>\n");
            Files.writeString(console.resolve("index-4f3a2b1c.js"), "console.log('slipway');\n");
            Files.writeString(console.resolveSibling("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
