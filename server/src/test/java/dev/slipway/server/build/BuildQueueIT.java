package dev.slipway.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.SseCollector;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestResponse;

/** Queueing over the API: wait reasons, limits, stopping queued builds, executors that come and go, the event stream. */
class BuildQueueIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = ServiceServers.builder().config("events.heartbeat-interval", "200ms").build();

    @Test
    void aBuildOnAnUnavailableExecutorWaitsWithTheReasonAndCanBeStoppedWhileQueued(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        ObjectNode project = inline("on-docker", "echo never runs");
        project.putObject("environment").put("executor", "docker");
        api.createProject(project);
        String id = api.start("on-docker").path("id").asText();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get(id).path("waitReason").asText())
                .isEqualTo("executor 'docker' is unavailable: no plugin provides its factory 'docker' (the plugin is stopped, failed or not installed)"));
        JsonNode queued = api.get(id);
        assertThat(queued.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(queued.path("currentPhase").asText()).isEqualTo("QUEUED");

        TestResponse stop = client.post("/api/v1/builds/" + id + "/stop");

        assertThat(stop.status()).isEqualTo(200);
        JsonNode stopped = stop.json();
        assertThat(stopped.path("status").asText()).isEqualTo("STOPPED");
        assertThat(stopped.path("startTime").isNull()).as("it never ran").isTrue();
        assertThat(stopped.path("waitReason").isNull()).isTrue();
        assertThat(stopped.path("phases").findValuesAsText("type")).containsExactly("SUBMITTED", "QUEUED", "COMPLETED");
        JsonNode queuedPhase = BuildApiIT.phase(stopped, "QUEUED");
        assertThat(queuedPhase.path("status").asText()).isEqualTo("STOPPED");
        assertThat(queuedPhase.path("contexts").get(0).path("message").asText()).isEqualTo("Build was stopped by anonymous while it was queued; it never ran");
                assertThat(Logs.isComplete(server.server(), id)).as("a build that ends in the queue has a complete log").isTrue();
        assertThat(Logs.lines(server.server(), id)).containsExactly("Build was stopped by anonymous while it was queued; it never ran");
    }

    @Test
    void theConcurrentBuildLimitQueuesBuildsAndTheQueuedPhaseSaysWhy(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        ObjectNode project = inline("limited", "sleep 1");
        project.put("concurrentBuildLimit", 1);
        api.createProject(project);
        String first = api.start("limited").path("id").asText();
        String second = api.start("limited").path("id").asText();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get(second).path("waitReason").asText())
                .isEqualTo("waiting for a running build of project 'limited' to end (concurrent build limit 1, 1 running)"));
        JsonNode ended = api.awaitEnded(second);

        JsonNode firstEnded = api.get(first);
        assertThat(firstEnded.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(ended.path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode queued = BuildApiIT.phase(ended, "QUEUED");
        assertThat(Instant.parse(queued.path("endTime").asText())).as("it left the queue only when the first build had ended")
                .isAfterOrEqualTo(Instant.parse(firstEnded.path("endTime").asText()));
        assertThat(queued.path("contexts").toString()).isEqualTo("[{\"statusCode\":\"CONCURRENT_BUILD_LIMIT\",\"message\":\"waiting for a running build "
                + "of project 'limited' to end (concurrent build limit 1, 1 running)\"}]");
        assertThat(Logs.lines(server.server(), second).get(0))
                .contains("runs on executor 'local' after ").contains("in the queue (waiting for a running build of project 'limited' to end");
    }

    @Test
    void anExecutorSlotLimitQueuesBuildsOfAnyProject(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        for (String name : List.of("single-a", "single-b")) {
            ObjectNode project = inline(name, "sleep 1");
            project.putObject("environment").put("executor", "single");
            api.createProject(project);
        }
        String first = api.start("single-a").path("id").asText();
        api.awaitPhase(first, "PROVISIONING");
        String second = api.start("single-b").path("id").asText();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get(second).path("waitReason").asText())
                .isEqualTo("waiting for a free slot on executor 'single' (1 of 1 busy)"));
        assertThat(api.awaitEnded(second).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(BuildApiIT.phase(api.get(second), "QUEUED").path("contexts").get(0).path("statusCode").asText()).isEqualTo("EXECUTOR_BUSY");
    }

    @Test
    void aBuildWaitsWhileItsExecutorsPluginIsStoppedAndRunsWhenItStartsAgain(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        api.createProject(inline("plugin-wait", "echo ran"));
        awaitNothingRunning(client);
        assertThat(client.post("/api/v1/plugins/local-executor/stop").status()).isEqualTo(200);
        try {
            String id = api.start("plugin-wait").path("id").asText();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get(id).path("waitReason").asText())
                    .isEqualTo("executor 'local' is unavailable: no plugin provides its factory 'local' (the plugin is stopped, failed or not installed)"));

            assertThat(client.post("/api/v1/plugins/local-executor/start").status()).isEqualTo(200);

            JsonNode ended = api.awaitEnded(id, Duration.ofSeconds(30));
            assertThat(ended.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(BuildApiIT.phase(ended, "QUEUED").path("contexts").get(0).path("statusCode").asText()).isEqualTo("EXECUTOR_UNAVAILABLE");
        }
        finally {
            client.post("/api/v1/plugins/local-executor/start");
        }
    }

    @Test
    void theEventStreamCarriesStateAndPhaseEventsWithHeartbeats(TestHttpClient client)
            throws Exception
    {
        BuildApi api = new BuildApi(client);
        api.createInlineProject("evented", "echo events");
        try (SseCollector events = SseCollector.open(client.base().resolve("api/v1/events"))) {
            String id = api.start("evented").path("id").asText();

            SseCollector.SseEvent succeeded = events.awaitEvent(event -> event.name().equals("codebuild-project-build-state-succeeded")
                    && event.data().contains(id), "the succeeded event of " + id);

            JsonNode data = BuildApi.JSON.readTree(succeeded.data());
            assertThat(data.path("type").asText()).isEqualTo("codebuild-project-build-state-succeeded");
            assertThat(data.path("buildId").asText()).isEqualTo(id);
            assertThat(data.path("project").asText()).isEqualTo("evented");
            assertThat(data.path("buildStatus").asText()).isEqualTo("SUCCEEDED");
            assertThat(data.path("currentPhase").asText()).isEqualTo("COMPLETED");
            assertThat(data.path("id").asText()).isNotEmpty();
            assertThat(data.path("time").asText()).isNotEmpty();
            assertThat(api.get(id).path("status").asText()).as("the end event follows the stored state").isEqualTo("SUCCEEDED");
            List<String> ofBuild = events.events().stream().filter(event -> event.data().contains(id)).map(SseCollector.SseEvent::name).toList();
            assertThat(ofBuild.get(0)).isEqualTo("codebuild-project-build-state-in-progress");
            assertThat(ofBuild).contains("codebuild-project-build-phase-success").last().isEqualTo("codebuild-project-build-state-succeeded");
            JsonNode phaseEvent = BuildApi.JSON.readTree(events.events().stream().filter(event -> event.data().contains(id)
                    && event.data().contains("\"phase\":\"BUILD\"")).findFirst().orElseThrow().data());
            assertThat(phaseEvent.path("phaseStatus").asText()).isEqualTo("SUCCEEDED");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.comments()).contains("heartbeat"));
        }
    }

    @Test
    void aFailedBuildIsAFailedStateEvent(TestHttpClient client)
            throws Exception
    {
        BuildApi api = new BuildApi(client);
        api.createInlineProject("evented-failure", "false");
        try (SseCollector events = SseCollector.open(client.base().resolve("api/v1/events"))) {
            String id = api.start("evented-failure").path("id").asText();

            SseCollector.SseEvent failed = events.awaitEvent(event -> event.name().equals("codebuild-project-build-state-failed") && event.data().contains(id),
                    "the failed event");
            SseCollector.SseEvent phase = events.awaitEvent(event -> event.name().equals("codebuild-project-build-phase-failure") && event.data().contains(id),
                    "the phase failure event");

            assertThat(BuildApi.JSON.readTree(failed.data()).path("buildStatus").asText()).isEqualTo("FAILED");
            assertThat(BuildApi.JSON.readTree(phase.data()).path("phase").asText()).isEqualTo("BUILD");
        }
    }

    private static void awaitNothingRunning(TestHttpClient client)
    {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(client.get("/api/v1/builds?status=IN_PROGRESS").json().path("builds").findValuesAsText("executor")).doesNotContain("local"));
    }

    private static ObjectNode inline(String name, String... commands)
    {
        ObjectNode project = BuildApi.JSON.createObjectNode();
        project.put("name", name);
        project.putObject("source").put("type", "none");
        project.putObject("buildspec").put("inline", BuildApi.buildspec(commands));
        return project;
    }
}
