package dev.slipway.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.server.bootstrap.SlipwayServer;
import dev.slipway.server.config.ConfigLoader;
import dev.slipway.server.config.SlipwayConfig;
import dev.slipway.server.testing.BundledPlugins;
import dev.slipway.server.testing.TestHttpClient;

/**
 * A graceful stop waits {@code builds.shutdown-grace-period} for running builds: one that ends in time SUCCEEDS, one that
 * does not is STOPPED with its log completed; a queued build stays queued and runs after the next start.
 */
class GracefulShutdownIT
{
    @TempDir
    Path home;

    @Test
    void runningBuildsGetTheGracePeriodThenStopAndQueuedBuildsRunAfterTheRestart()
            throws Exception
    {
        BundledPlugins.home(home, """
                executors:
                  local:
                    factory: local
                    slots: 2
                  single:
                    factory: local
                    slots: 1
                builds:
                  shutdown-grace-period: 3s
                """);
        SlipwayConfig config = new ConfigLoader(home, Map.of("SLIPWAY_SERVER_PORT", "0")).load(Optional.empty());

        String slow;
        String quick;
        String queued;
        try (SlipwayServer server = SlipwayServer.start(config)) {
            BuildApi api = new BuildApi(new TestHttpClient(server.uri()));
            api.createProject(project("slow", "single", "echo slow started", "sleep 60", "echo slow finished"));
            api.createProject(project("quick", "local", "sleep 1", "echo quick done"));
            api.createProject(project("later", "single", "echo later ran"));
            slow = api.start("slow").path("id").asText();
            api.awaitPhase(slow, "BUILD");
            quick = api.start("quick").path("id").asText();
            api.awaitPhase(quick, "BUILD");
            queued = api.start("later").path("id").asText();

            assertThat(server.stop()).as("a clean stop").isTrue();
        }

        try (SlipwayServer server = SlipwayServer.start(config)) {
            BuildApi api = new BuildApi(new TestHttpClient(server.uri()));
            
            JsonNode slowBuild = api.get(slow);
            assertThat(slowBuild.path("status").asText()).isEqualTo("STOPPED");
            assertThat(BuildApiIT.phase(slowBuild, "BUILD").path("contexts").get(0).path("message").asText())
                    .isEqualTo("The server is shutting down: the build was stopped after the grace period of 3s");
            assertThat(Logs.isComplete(server, slow)).isTrue();
            assertThat(Logs.lines(server, slow)).contains("slow started").doesNotContain("slow finished");

            assertThat(api.get(quick).path("status").asText()).as("it ended within the grace period").isEqualTo("SUCCEEDED");
            assertThat(Logs.lines(server, quick)).contains("quick done");
            // The stop waited for the quick build before it stopped the slow one (the server's own timestamps).
            assertThat(Instant.parse(slowBuild.path("endTime").asText()))
                    .isAfterOrEqualTo(Instant.parse(api.get(quick).path("endTime").asText()));

            JsonNode later = api.awaitEnded(queued);
            assertThat(later.path("status").asText()).as("queued before the stop, run after the start").isEqualTo("SUCCEEDED");
            assertThat(Logs.lines(server, queued)).contains("later ran");
        }
    }

    private static ObjectNode project(String name, String executor, String... commands)
    {
        ObjectNode project = BuildApi.JSON.createObjectNode();
        project.put("name", name);
        project.putObject("source").put("type", "none");
        project.putObject("buildspec").put("inline", BuildApi.buildspec(commands));
        project.putObject("environment").put("executor", executor);
        return project;
    }
}
