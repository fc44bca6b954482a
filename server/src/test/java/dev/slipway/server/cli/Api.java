package dev.slipway.server.cli;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestResponse;

/** The REST API as the tests set things up and check them, independently of the commands under test. */
final class Api
{
    static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FINAL = List.of("SUCCEEDED", "FAILED", "FAULT", "TIMED_OUT", "STOPPED");

    private final TestHttpClient client;

    Api(TestHttpClient client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    TestHttpClient client()
    {
        return client;
    }

    /** @return the text as JSON */
    static JsonNode parse(String json)
    {
        try {
            return JSON.readTree(json);
        }
        catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
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

    /** Creates a project without a source whose inline buildspec runs the commands. */
    JsonNode createInlineProject(String name, String... commands)
    {
        ObjectNode project = JSON.createObjectNode();
        project.put("name", name);
        project.putObject("source").put("type", "none");
        project.putObject("buildspec").put("inline", buildspec(commands));
        TestResponse response = client.postJson("/api/v1/projects", project.toString());
        assertThat(response.status()).as("create project %s: %s", name, response.body()).isEqualTo(201);
        return response.json();
    }

    TestResponse project(String name)
    {
        return client.get("/api/v1/projects/" + name);
    }

    /** @return the id of a new build of the project */
    String start(String project)
    {
        TestResponse response = client.postJson("/api/v1/projects/" + project + "/builds", "{}");
        assertThat(response.status()).as("start a build of %s: %s", project, response.body()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    JsonNode build(String id)
    {
        TestResponse response = client.get("/api/v1/builds/" + id);
        assertThat(response.status()).as("get build %s: %s", id, response.body()).isEqualTo(200);
        return response.json();
    }

    /** Waits until the build has ended; returns it. */
    JsonNode awaitEnded(String id)
    {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("build " + id + " ends").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            last.set(build(id));
            assertThat(FINAL).as("status of %s", last.get()).contains(last.get().path("status").asText());
        });
        return last.get();
    }

    /** Waits until the build's log has a line that contains the text. */
    void awaitLogLine(String id, String text)
    {
        await("the log of " + id + " has '" + text + "'").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> logLines(id).stream().anyMatch(line -> line.contains(text)));
    }

    /** @return the log's lines as the API has them now */
    List<String> logLines(String id)
    {
        List<String> lines = new ArrayList<>();
        long from = 0;
        while (true) {
            JsonNode page = client.get("/api/v1/builds/" + id + "/logs?from=" + from + "&limit=10000").json();
            page.path("lines").forEach(line -> lines.add(line.asText()));
            if (page.path("lines").isEmpty()) {
                return lines;
            }
            from = page.path("next").asLong();
        }
    }
}
