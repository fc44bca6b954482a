package dev.slipway.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestResponse;

/** The limits of the API (request body size, environment variables, fields that do not apply) and what it reports of a server with plugins. */
class ApiLimitsIT
{
    private static final int LIMIT = 1024 * 1024;

    @RegisterExtension
    static final SlipwayServerExtension server = ServiceServers.builder()
            .module(new ProbeResource.Module())
            .config("server.max-request-body", Integer.toString(LIMIT))
            .build();

    @Test
    void aBodyDeclaredLargerThanTheLimitIs413WithTheErrorBody(TestHttpClient client)
    {
        TestResponse response = client.postJson("/api/v1/projects", "{\"name\": \"" + "x".repeat(LIMIT) + "\"}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.json().path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(response.json().path("message").asText())
                .isEqualTo("The request body is " + (LIMIT + 12) + " bytes; the limit is " + LIMIT + " bytes (server.max-request-body)");
        assertThat(client.get("/api/v1/health").status()).isEqualTo(200);
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimitWith413(TestHttpClient client)
    {
        byte[] body = ("{\"name\": \"" + "x".repeat(2 * LIMIT) + "\", \"count\": 1}").getBytes(StandardCharsets.UTF_8);
        // A stream publisher has no length: the body is sent chunked.
        HttpRequest request = client.request("/api/v1/probe/echo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        TestResponse response = client.send(request);

        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.json().path("message").asText())
                .isEqualTo("The request body is larger than " + LIMIT + " bytes; the limit is " + LIMIT + " bytes (server.max-request-body)");
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRead(TestHttpClient client)
    {
        byte[] body = "{\"name\": \"web\", \"count\": 1}".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = client.request("/api/v1/probe/echo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        assertThat(client.send(request).body()).isEqualTo("{\"name\":\"web\",\"count\":1}");
    }

    @Test
    void aProjectWithTooManyVariablesIs400NamingTheField(TestHttpClient client)
    {
        TestResponse response = client.postJson("/api/v1/projects", project("many", variables(501, "v")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("details").toString()).isEqualTo("[\"environment.variables: must have at most 500 variables, has 501\"]");
    }

    @Test
    void aProjectWithVariablesTooLargeInAllIs400NamingTheField(TestHttpClient client)
    {
        TestResponse response = client.postJson("/api/v1/projects", project("large", variables(5, "v".repeat(60_000))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("details").toString())
                .isEqualTo("[\"environment.variables: names and values must have at most 262144 characters in all, have 300010\"]");
    }

    @Test
    void aStartRequestWithTooManyOverridesIs400NamingTheField(TestHttpClient client)
    {
        assertThat(client.postJson("/api/v1/projects", project("overrides", "[]")).status()).isEqualTo(201);

        TestResponse response = client.postJson("/api/v1/projects/overrides/builds", "{\"environmentVariablesOverride\": " + variables(501, "v") + "}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains("environmentVariablesOverride: must have at most 500 variables, has 501");
    }

    @Test
    void aSourceVersionForAProjectWithoutSourceIs400NamingTheField(TestHttpClient client)
    {
        assertThat(client.postJson("/api/v1/projects", project("no-source", "[]")).status()).isEqualTo(201);

        TestResponse response = client.postJson("/api/v1/projects/no-source/builds", "{\"sourceVersion\": \"main\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("details").toString())
                .isEqualTo("[\"sourceVersion: project 'no-source' has no source (source type none), so there is no version to choose; leave sourceVersion out\"]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"true\"|badgeEnabled: expected true or false, got a string",
            "1|badgeEnabled: expected true or false, got a whole number",
    })
    void projectFieldsAreNotCoerced(String badge, String expected, TestHttpClient client)
    {
        TestResponse response = client.postJson("/api/v1/projects", "{\"name\": \"coerced\", \"source\": {\"type\": \"none\"}, \"badgeEnabled\": " + badge + "}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).endsWith(expected).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Za-z]");
    }

    @Test
    void healthGivesEachPluginsState(TestHttpClient client)
    {
        JsonNode plugins = client.get("/api/v1/health").json().path("plugins");

        assertThat(plugins.path("total").asInt()).isEqualTo(plugins.path("states").size()).isPositive();
        assertThat(plugins.path("states").path("local-executor").asText()).isEqualTo("STARTED");
    }

    private static String project(String name, String variables)
    {
        return "{\"name\": \"" + name + "\", \"source\": {\"type\": \"none\"}, \"buildspec\": {\"inline\": \"version: 0.2\\nphases:\\n  build:\\n    commands:\\n      - echo hi\\n\"},"
                + " \"environment\": {\"variables\": " + variables + "}}";
    }

    private static String variables(int count, String value)
    {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ", ").append("{\"name\": \"V").append(i).append("\", \"value\": \"").append(value).append("\"}");
        }
        return json.append(']').toString();
    }
}
