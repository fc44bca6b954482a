package dev.slipway.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestResponse;

/** {@code GET /api/v1/usage} and {@code GET /api/v1/projects/{name}/badge.svg} after real builds. */
class UsageAndBadgeIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = ServiceServers.builder().build();

    @TempDir
    Path temp;

    @Test
    void usageCountsBuildMinutesFromThePhasesPerProjectAndDay(TestHttpClient client)
    {
        Instant before = Instant.now();
        createProject(client, "metered", "sleep 1", false);
        createProject(client, "metered-too", "true", false);
        String first = start(client, "metered");
        String second = start(client, "metered");
        String other = start(client, "metered-too");
        awaitEnded(client, first);
        awaitEnded(client, second);
        awaitEnded(client, other);

        JsonNode usage = client.get("/api/v1/usage?since=" + before).json();

        JsonNode metered = project(usage, "metered");
        assertThat(metered.path("builds").asInt()).isEqualTo(2);
        double expected = billedMinutes(client, first) + billedMinutes(client, second);
        assertThat(metered.path("buildMinutes").asDouble()).isBetween(2 / 60.0, expected + 0.0002).isGreaterThanOrEqualTo(expected - 0.0002);
        assertThat(metered.path("days").size()).isEqualTo(1);
        assertThat(metered.path("days").get(0).path("date").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(metered.path("days").get(0).path("builds").asInt()).isEqualTo(2);
        assertThat(usage.path("totalBuildMinutes").asDouble()).isGreaterThanOrEqualTo(metered.path("buildMinutes").asDouble());
        assertThat(client.get("/api/v1/usage?since=" + before + "&project=metered-too").json().path("projects").findValuesAsText("project"))
                .containsExactly("metered-too");
        assertThat(client.get("/api/v1/usage?until=" + before + "&project=metered").json().path("projects").size()).isZero();
    }

    @Test
    void usageRejectsBadInstantsAndUnknownProjects(TestHttpClient client)
    {
        TestResponse bad = client.get("/api/v1/usage?since=today");
        TestResponse unknown = client.get("/api/v1/usage?project=ghost");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("details").get(0).asText()).isEqualTo("since: must be an ISO-8601 instant such as 2026-11-26T00:00:00Z, was 'today'");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void theBadgeShowsTheNewestBuildOnlyForProjectsThatEnableIt(TestHttpClient client)
    {
        createProject(client, "hidden", "true", false);
        // A source with versions: the badge of a branch is the newest build of that source version. The directory
        // source's only version is the hash of its tree; a source without versions (none) refuses sourceVersion.
        createDirectoryProject(client, "badged", "test \"${RESULT-}\" != broken", true);

        assertThat(client.get("/api/v1/projects/hidden/badge.svg").status()).isEqualTo(404);
        assertThat(client.get("/api/v1/projects/ghost/badge.svg").status()).isEqualTo(404);
        TestResponse unknown = client.get("/api/v1/projects/badged/badge.svg");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(unknown.header("Cache-Control")).contains("no-cache, no-store, must-revalidate");
        assertThat(unknown.body()).startsWith("<svg").contains(">build</text>").contains(">unknown</text>");

        String first = start(client, "badged");
        awaitEnded(client, first);
        String hash = client.get("/api/v1/builds/" + first).json().path("resolvedSourceVersion").asText();
        assertThat(hash).isNotEmpty();
        awaitEnded(client, start(client, "badged", "{\"sourceVersion\": \"" + hash + "\"}"));
        awaitEnded(client, start(client, "badged", "{\"environmentVariablesOverride\": [{\"name\": \"RESULT\", \"value\": \"broken\"}]}"));

        assertThat(client.get("/api/v1/projects/badged/badge.svg").body()).contains(">failing</text>");
        assertThat(client.get("/api/v1/projects/badged/badge.svg?branch=" + hash).body()).contains(">passing</text>").contains("#4c1");
        assertThat(client.get("/api/v1/projects/badged/badge.svg?branch=release").body()).contains(">unknown</text>");
    }

    private static double billedMinutes(TestHttpClient client, String id)
    {
        long millis = 0;
        for (JsonNode phase : client.get("/api/v1/builds/" + id).json().path("phases")) {
            String type = phase.path("type").asText();
            if (!type.equals("SUBMITTED") && !type.equals("QUEUED") && !type.equals("COMPLETED")) {
                millis += phase.path("durationMillis").asLong();
            }
        }
        return millis / 60_000.0;
    }

    private static JsonNode project(JsonNode usage, String name)
    {
        for (JsonNode project : usage.path("projects")) {
            if (project.path("project").asText().equals(name)) {
                return project;
            }
        }
        throw new AssertionError("No project " + name + " in " + usage.toPrettyString());
    }

    private static void createProject(TestHttpClient client, String name, String command, boolean badge)
    {
        String body = "{\"name\": \"" + name + "\", \"source\": {\"type\": \"none\"}, \"badgeEnabled\": " + badge + ", \"buildspec\": {\"inline\": "
                + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree("version: 0.2\nphases:\n  build:\n    commands:\n      - " + command + "\n")
                + "}}";
        assertThat(client.postJson("/api/v1/projects", body).status()).isEqualTo(201);
    }

    private void createDirectoryProject(TestHttpClient client, String name, String command, boolean badge)
    {
        try {
            Path source = Files.createDirectories(temp.resolve(name));
            Files.writeString(source.resolve("README"), "a source with a version\n");
            String body = "{\"name\": \"" + name + "\", \"source\": {\"type\": \"directory\", \"config\": {\"path\": \"" + source + "\"}}, \"badgeEnabled\": "
                    + badge + ", \"buildspec\": {\"inline\": "
                    + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree("version: 0.2\nphases:\n  build:\n    commands:\n      - " + command + "\n")
                    + "}}";
            TestResponse response = client.postJson("/api/v1/projects", body);
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String start(TestHttpClient client, String project)
    {
        return start(client, project, "{}");
    }

    private static String start(TestHttpClient client, String project, String body)
    {
        TestResponse response = client.postJson("/api/v1/projects/" + project + "/builds", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    private static void awaitEnded(TestHttpClient client, String id)
    {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                !client.get("/api/v1/builds/" + id).json().path("status").asText().equals("IN_PROGRESS"));
    }
}
