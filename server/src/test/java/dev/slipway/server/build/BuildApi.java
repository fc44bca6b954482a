package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestResponse;

/** What the build service's API tests do over and over: create projects, start builds, wait for them to end. */
final class BuildApi
{
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> FINAL = List.of("SUCCEEDED", "FAILED", "FAULT", "TIMED_OUT", "STOPPED");

    private final TestHttpClient client;

    BuildApi(TestHttpClient client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    /** @return a buildspec whose build phase runs the commands */
    static String buildspec(String... commands)
    {
        StringBuilder yaml = new StringBuilder("version: 0.2\nphases:\n  build:\n    commands:\n");
        for (String command : commands) {
            yaml.append("      - ").append(JSON.valueToTree(command).toString()).append('\n');
        }
        return yaml.toString();
    }

    /** Creates a project without a source whose inline buildspec runs the commands; returns its JSON. */
    JsonNode createInlineProject(String name, String... commands)
    {
        ObjectNode project = JSON.createObjectNode();
        project.put("name", name);
        project.putObject("source").put("type", "none");
        project.putObject("buildspec").put("inline", buildspec(commands));
        return createProject(project);
    }

    JsonNode createProject(ObjectNode project)
    {
        TestResponse response = client.postJson("/api/v1/projects", project.toString());
        assertThat(response.status()).as("create project %s: %s", project.path("name").asText(), response.body()).isEqualTo(201);
        return response.json();
    }

    /** Starts a build without a body; returns its JSON. */
    JsonNode start(String project)
    {
        return start(project, "{}");
    }

    JsonNode start(String project, String body)
    {
        TestResponse response = client.postJson("/api/v1/projects/" + project + "/builds", body);
        assertThat(response.status()).as("start a build of %s: %s", project, response.body()).isEqualTo(201);
        return response.json();
    }

    JsonNode get(String id)
    {
        TestResponse response = client.get("/api/v1/builds/" + id);
        assertThat(response.status()).as("get build %s: %s", id, response.body()).isEqualTo(200);
        return response.json();
    }

    /** Waits until the build has ended; returns its JSON. */
    JsonNode awaitEnded(String id)
    {
        return awaitEnded(id, Duration.ofSeconds(60));
    }

    JsonNode awaitEnded(String id, Duration timeout)
    {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("build " + id + " ends").atMost(timeout).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            last.set(get(id));
            assertThat(FINAL).as("status of %s", last.get()).contains(last.get().path("status").asText());
        });
        return last.get();
    }

    /** Waits until the build is in a phase (or a later one); returns its JSON. */
    JsonNode awaitPhase(String id, String phase)
    {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("build " + id + " reaches " + phase).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            last.set(get(id));
            assertThat(last.get().path("phases").findValuesAsText("type")).contains(phase);
        });
        return last.get();
    }
}
