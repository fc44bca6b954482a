package dev.slipway.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.slipway.server.testing.BundledPlugins;
import dev.slipway.server.testing.ChildServer;
import dev.slipway.server.testing.TestHttpClient;

/**
 * {@code kill -9} of a real server process with 20 builds (4 running, 16 queued behind the executor's 4 slots), then a
 * restart on the same data directory: every running build is FAULT with "server restarted while the build was running"
 * and its log kept up to the crash plus a last line, complete; every queued build is still queued and runs; no build is
 * lost or duplicated, and numbering goes on without a gap.
 */
class BuildCrashIT
{
    private static final Pattern SESSION = Pattern.compile("^session (\\d+)$");
    private static final int RUNNING = 4;
    private static final int QUEUED = 16;

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
    void afterKill9EveryRunningBuildIsFaultAndEveryQueuedBuildRunsOnce()
            throws IOException
    {
        Path home = BundledPlugins.home(temp.resolve("home"), """
                executors:
                  local:
                    factory: local
                    slots: %d
                """.formatted(RUNNING));

        TestHttpClient client = new TestHttpClient(start(home).awaitListening());
        BuildApi api = new BuildApi(client);
        api.createInlineProject("sleeper", "echo \"session $$\"", "sleep 600");
        api.createInlineProject("waiter", "echo ran after the restart");
        List<String> running = new ArrayList<>();
        for (int i = 0; i < RUNNING; i++) {
            running.add(api.start("sleeper").path("id").asText());
        }
        for (String id : running) {
            await("build " + id + " runs its sleep").atMost(Duration.ofSeconds(60)).until(() -> sessionOf(client, id) != null);
            sessions.add(sessionOf(client, id));
        }
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < QUEUED; i++) {
            queued.add(api.start("waiter").path("id").asText());
        }
        for (String id : queued) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get(id).path("waitReason").asText())
                    .isEqualTo("waiting for a free slot on executor 'local' (4 of 4 busy)"));
        }
        List<String> logBeforeCrash = lines(client, running.get(0));

        ChildServer first = children.get(0);
        first.process().destroyForcibly();
        assertThat(first.awaitExit()).as("killed with SIGKILL").isEqualTo(137);

        TestHttpClient restarted = new TestHttpClient(start(home).awaitListening());
        BuildApi after = new BuildApi(restarted);

        for (String id : running) {
            JsonNode build = after.get(id);
            assertThat(build.path("status").asText()).as(id).isEqualTo("FAULT");
            assertThat(build.path("currentPhase").asText()).isEqualTo("COMPLETED");
            JsonNode phase = BuildApiIT.phase(build, "BUILD");
            assertThat(phase.path("status").asText()).isEqualTo("FAULT");
            assertThat(phase.path("contexts").toString()).isEqualTo("[{\"statusCode\":\"SERVER_RESTARTED\","
                    + "\"message\":\"server restarted while the build was running\"}]");
            assertThat(build.path("phases").findValuesAsText("type")).endsWith("BUILD", "COMPLETED");
            assertThat(build.path("phases").findValuesAsText("status")).doesNotContain("IN_PROGRESS");
            JsonNode log = log(restarted, id);
            List<String> lines = lines(log);
            assertThat(lines).as("the log up to the crash is kept").anyMatch(line -> SESSION.matcher(line).matches());
            assertThat(lines.get(lines.size() - 1)).contains("The server restarted while the build was running (in phase BUILD); the build is marked FAULT");
            assertThat(log.path("complete").asBoolean()).as("the log is complete").isTrue();
        }
        assertThat(lines(restarted, running.get(0))).startsWith(logBeforeCrash.toArray(String[]::new));

        for (String id : queued) {
            JsonNode build = after.awaitEnded(id);
            assertThat(build.path("status").asText()).as(id).isEqualTo("SUCCEEDED");
            List<String> lines = lines(restarted, id);
            assertThat(lines).as("it ran once").filteredOn(line -> line.contains("runs on executor")).hasSize(1);
            assertThat(lines).contains("ran after the restart");
        }

        assertThat(numbers(restarted, "sleeper")).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(numbers(restarted, "waiter")).containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, QUEUED).boxed().toList());
        assertThat(after.start("waiter").path("number").asLong()).as("numbering goes on").isEqualTo(QUEUED + 1);
    }

    private ChildServer start(Path home)
    {
        ChildServer child = ChildServer.start(home, Map.of("SLIPWAY_SERVER_PORT", "0"), "server");
        children.add(child);
        return child;
    }

    private static Long sessionOf(TestHttpClient client, String id)
    {
        for (String line : lines(client, id)) {
            Matcher matcher = SESSION.matcher(line);
            if (matcher.matches()) {
                return Long.parseLong(matcher.group(1));
            }
        }
        return null;
    }

    private static JsonNode log(TestHttpClient client, String id)
    {
        return client.get("/api/v1/builds/" + id + "/logs?from=0&limit=10000").json();
    }

    private static List<String> lines(TestHttpClient client, String id)
    {
        return lines(log(client, id));
    }

    private static List<String> lines(JsonNode log)
    {
        List<String> lines = new ArrayList<>();
        log.path("lines").forEach(line -> lines.add(line.asText()));
        return lines;
    }

    private static List<Long> numbers(TestHttpClient client, String project)
    {
        List<Long> numbers = new ArrayList<>();
        client.get("/api/v1/projects/" + project + "/builds?limit=100").json().path("builds").forEach(build -> numbers.add(build.path("number").asLong()));
        return numbers;
    }
}
