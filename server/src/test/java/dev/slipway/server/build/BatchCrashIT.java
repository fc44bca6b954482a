package dev.slipway.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.server.testing.BundledPlugins;
import dev.slipway.server.testing.ChildServer;
import dev.slipway.server.testing.TestHttpClient;

/**
 * {@code kill -9} of a server running a batch (one child running, one queued behind the executor's single slot), then
 * a restart: the batch is FAILED with "server restarted while the batch was running", its running child FAULT, its
 * queued child STOPPED without having run; the batch can be retried.
 */
class BatchCrashIT
{
    private static final Pattern SESSION = Pattern.compile("^session (\\d+)$");

    @TempDir
    Path temp;

    private final Set<Long> sessions = new HashSet<>();
    private final List<ChildServer> children = new ArrayList<>();

    @AfterEach
    void cleanUp()
    {
        children.forEach(ChildServer::close);
        Sessions.kill(sessions);
    }

    @Test
    void afterKill9TheBatchIsFailedItsRunningChildFaultAndItsQueuedChildNeverRuns()
            throws IOException
    {
        Path home = BundledPlugins.home(temp.resolve("home"), """
                executors:
                  local:
                    factory: local
                    slots: 1
                """);
        Path marker = temp.resolve("restarted");
        TestHttpClient client = new TestHttpClient(start(home).awaitListening());
        ObjectNode project = BuildApi.JSON.createObjectNode();
        project.put("name", "crashing");
        project.putObject("source").put("type", "none");
        project.putObject("buildspec").put("inline", """
                version: 0.2
                batch:
                  build-list:
                    - identifier: sleeper
                    - identifier: waiter
                phases:
                  build:
                    commands:
                      - echo "session $$"
                      - if [ ! -f %s ]; then sleep 600; fi
                """.formatted(marker));
        new BuildApi(client).createProject(project);
        String id = BatchApiIT.start(client, "crashing", "{}");
        AtomicReference<JsonNode> running = new AtomicReference<>();
        await("one child runs, the other waits").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            running.set(client.get("/api/v1/build-batches/" + id).json());
            assertThat(running.get().path("builds")).hasSize(2);
            assertThat(sessionOf(client, running.get().path("builds").get(0).asText()) != null
                    || sessionOf(client, running.get().path("builds").get(1).asText()) != null).isTrue();
        });
        // Both children have the same commands: whichever got the executor's slot first runs, the other waits.
        boolean firstRuns = sessionOf(client, running.get().path("builds").get(0).asText()) != null;
        String sleeper = running.get().path("builds").get(firstRuns ? 0 : 1).asText();
        String waiter = running.get().path("builds").get(firstRuns ? 1 : 0).asText();
        sessions.add(sessionOf(client, sleeper));
        assertThat(new BuildApi(client).get(waiter).path("currentPhase").asText()).isEqualTo("QUEUED");

        ChildServer first = children.get(0);
        first.process().destroyForcibly();
        assertThat(first.awaitExit()).as("killed with SIGKILL").isEqualTo(137);

        TestHttpClient restarted = new TestHttpClient(start(home).awaitListening());
        BuildApi after = new BuildApi(restarted);
        JsonNode batch = restarted.get("/api/v1/build-batches/" + id).json();
        assertThat(batch.path("status").asText()).isEqualTo("FAILED");
        assertThat(batch.path("phases").findValuesAsText("type")).containsExactly("SUBMITTED", "DOWNLOAD_BATCHSPEC", "IN_PROGRESS", "FAILED");
        assertThat(batch.path("phases").get(2).path("contexts").toString())
                .isEqualTo("[{\"statusCode\":\"SERVER_RESTARTED\",\"message\":\"server restarted while the batch was running\"}]");
        assertThat(after.get(sleeper).path("status").asText()).isEqualTo("FAULT");
        JsonNode queued = after.get(waiter);
        assertThat(queued.path("status").asText()).isEqualTo("STOPPED");
        assertThat(queued.path("startTime").isNull()).as("it never ran").isTrue();
        assertThat(batch.path("buildGroups").findValuesAsText("buildStatus")).containsExactlyInAnyOrder("FAULT", "STOPPED");

        Files.writeString(marker, "");
        assertThat(restarted.postJson("/api/v1/build-batches/" + id + "/retry", "{\"retryType\":\"RETRY_FAILED_BUILDS\"}").status()).isEqualTo(200);
        JsonNode retried = BatchApiIT.awaitEnded(restarted, id);
        assertThat(retried.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(retried.path("builds")).hasSize(4);
    }

    private ChildServer start(Path home)
    {
        ChildServer child = ChildServer.start(home, Map.of("SLIPWAY_SERVER_PORT", "0"), "server");
        children.add(child);
        return child;
    }

    private static Long sessionOf(TestHttpClient client, String id)
    {
        for (JsonNode line : client.get("/api/v1/builds/" + id + "/logs?from=0&limit=10000").json().path("lines")) {
            Matcher matcher = SESSION.matcher(line.asText());
            if (matcher.matches()) {
                return Long.parseLong(matcher.group(1));
            }
        }
        return null;
    }
}
