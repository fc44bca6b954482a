package dev.slipway.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestResponse;

/** Starting, reading, listing, stopping and retrying builds over the API, with real builds on the local executor. */
class BuildApiIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = ServiceServers.builder().build();

    @Test
    void aStartedBuildIsQueuedAt201AndThenRunsEveryPhase(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        api.createInlineProject("phases", "echo hello from the build");

        TestResponse response = client.postJson("/api/v1/projects/phases/builds", "");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode started = response.json();
        String id = started.path("id").asText();
        assertThat(id).matches("phases:[0-9a-f-]{36}");
        assertThat(response.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/api/v1/builds/" + id));
        assertThat(started.path("arn").asText()).isEqualTo("arn:aws:codebuild:local:000000000000:build/" + id);
        assertThat(started.path("number").asLong()).isEqualTo(1);
        assertThat(started.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(started.path("currentPhase").asText()).isEqualTo("QUEUED");
        assertThat(started.path("initiator").asText()).isEqualTo("anonymous");
        assertThat(started.path("phases").findValuesAsText("type")).containsExactly("SUBMITTED", "QUEUED");

        JsonNode ended = api.awaitEnded(id);

        assertThat(ended.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(ended.path("currentPhase").asText()).isEqualTo("COMPLETED");
        assertThat(ended.path("phases").findValuesAsText("type")).containsExactly("SUBMITTED", "QUEUED", "PROVISIONING", "DOWNLOAD_SOURCE", "INSTALL",
                "PRE_BUILD", "BUILD", "POST_BUILD", "UPLOAD_ARTIFACTS", "FINALIZING", "COMPLETED");
        assertThat(phase(ended, "PROVISIONING").path("contexts").get(0).path("statusCode").asText()).isEqualTo("EXECUTOR");
        assertThat(phase(ended, "PROVISIONING").path("contexts").get(0).path("message").asText())
                .startsWith("environment provisioned by executor 'local' (factory 'local') in ").endsWith(" ms");
        for (JsonNode phase : ended.path("phases")) {
            assertThat(phase.path("status").asText()).as(phase.toString()).isEqualTo(phase.path("type").asText().equals("COMPLETED") ? "null" : "SUCCEEDED");
            assertThat(phase.path("durationMillis").asLong()).isEqualTo(Duration.between(Instant.parse(phase.path("startTime").asText()),
                    Instant.parse(phase.path("endTime").asText())).toMillis());
        }
        assertThat(Instant.parse(ended.path("startTime").asText())).isAfterOrEqualTo(Instant.parse(ended.path("queuedAt").asText()));
        assertThat(Instant.parse(ended.path("endTime").asText())).isAfterOrEqualTo(Instant.parse(ended.path("startTime").asText()));
        assertThat(ended.path("waitReason").isNull()).isTrue();
        assertThat(ended.path("environment").toString()).isEqualTo("{\"executor\":\"local\",\"image\":null,\"computeType\":\"BUILD_GENERAL1_SMALL\",\"privilegedMode\":false}");
        assertThat(ended.path("logs").path("href").asText()).isEqualTo("/api/v1/builds/" + id + "/logs");
        assertThat(Logs.lines(server.server(), id)).contains("hello from the build")
                .anyMatch(line -> line.matches("\\[Container] \\d{4}/\\d\\d/\\d\\d .* Entering phase BUILD"));
        assertThat(Logs.isComplete(server.server(), id)).isTrue();
        assertThat(ended.path("logs").path("lines").asLong()).isEqualTo(Logs.lines(server.server(), id).size());
    }

    @Test
    void aFailingCommandFailsTheBuildWithTheCommandsContext(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        api.createInlineProject("failing", "exit 3");

        JsonNode ended = api.awaitEnded(api.start("failing").path("id").asText());

        assertThat(ended.path("status").asText()).isEqualTo("FAILED");
        JsonNode build = phase(ended, "BUILD");
        assertThat(build.path("status").asText()).isEqualTo("FAILED");
        assertThat(build.path("contexts").get(0).path("statusCode").asText()).isEqualTo("COMMAND_EXECUTION_ERROR");
        assertThat(build.path("contexts").get(0).path("message").asText()).contains("exit 3");
    }

    @Test
    void overridesReachTheBuild(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        ObjectNode project = BuildApi.JSON.createObjectNode();
        project.put("name", "overrides");
        project.putObject("source").put("type", "none");
        project.putObject("buildspec").put("inline", BuildApi.buildspec("echo never"));
        project.putObject("environment").putArray("variables").addObject().put("name", "GREETING").put("value", "from the project");
        api.createProject(project);
        String buildspec = "version: 0.2\nenv:\n  exported-variables: [GREETING, EXTRA]\nphases:\n  build:\n    commands:\n      - echo \"$GREETING\"\n";

        ObjectNode request = BuildApi.JSON.createObjectNode();
        request.put("buildspecOverride", buildspec);
        request.putArray("environmentVariablesOverride").addObject().put("name", "GREETING").put("value", "from the start request");
        request.put("timeoutInMinutesOverride", 30);
        request.put("queuedTimeoutInMinutesOverride", 60);
        request.put("priority", 7);
        JsonNode started = api.start("overrides", request.toString());
        JsonNode ended = api.awaitEnded(started.path("id").asText());

        assertThat(ended.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(ended.path("exportedVariables").toString()).isEqualTo("[{\"name\":\"GREETING\",\"value\":\"from the start request\"}]");
        assertThat(ended.path("timeoutInMinutes").asInt()).isEqualTo(30);
        assertThat(ended.path("queuedTimeoutInMinutes").asInt()).isEqualTo(60);
        assertThat(ended.path("priority").asInt()).isEqualTo(7);
        assertThat(Logs.lines(server.server(), started.path("id").asText())).contains("from the start request")
                .doesNotContain("never");
    }

    @Test
    void invalidStartRequestsAreA400NamingEachField(TestHttpClient client)
    {
        new BuildApi(client).createInlineProject("strict", "echo hi");

        TestResponse response = client.postJson("/api/v1/projects/strict/builds", """
                {"timeoutInMinutesOverride": 3, "queuedTimeoutInMinutesOverride": 500, "priority": 5000, "idempotencyToken": "",
                 "environmentVariablesOverride": [{"name": "CODEBUILD_BUILD_ID", "value": "x"}],
                 "buildspecOverride": "version: 0.2\\nphases:\\n  build:\\n    commands: [\\n"}
                """);

        assertThat(response.status()).isEqualTo(400);
        List<String> details = new ArrayList<>();
        response.json().path("details").forEach(detail -> details.add(detail.asText()));
        assertThat(details).hasSize(6);
        assertThat(details).contains("environmentVariablesOverride[0].name: names starting with CODEBUILD_ are reserved for the variables Slipway sets, "
                        + "was 'CODEBUILD_BUILD_ID'",
                "timeoutInMinutesOverride: must be between 5 and 2160, was 3", "queuedTimeoutInMinutesOverride: must be between 5 and 480, was 500",
                "priority: must be between -1000 and 1000, was 5000", "idempotencyToken: must be 1 to 255 characters");
        assertThat(details).anyMatch(detail -> detail.matches("buildspecOverride: line \\d+, column \\d+: .+"));
        assertThat(client.postJson("/api/v1/projects/strict/builds", "{\"unknown\": 1}").status()).isEqualTo(400);
    }

    @Test
    void startingABuildOfAnUnknownProjectIs404(TestHttpClient client)
    {
        TestResponse response = client.postJson("/api/v1/projects/ghost/builds", "{}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("message").asText()).isEqualTo("Project 'ghost' does not exist; GET /api/v1/projects lists the projects");
        assertThat(client.get("/api/v1/projects/ghost/builds").status()).isEqualTo(404);
        assertThat(client.get("/api/v1/builds?project=ghost").status()).isEqualTo(404);
    }

    @Test
    void anUnknownBuildIs404(TestHttpClient client)
    {
        for (TestResponse response : List.of(client.get("/api/v1/builds/ghost:1234"), client.post("/api/v1/builds/ghost:1234/stop"),
                client.post("/api/v1/builds/ghost:1234/retry"))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().path("message").asText()).startsWith("Build 'ghost:1234' does not exist");
        }
    }

    @Test
    void numbersHaveNoGapsOrDuplicatesWhenBuildsStartConcurrently(TestHttpClient client)
            throws Exception
    {
        BuildApi api = new BuildApi(client);
        api.createInlineProject("concurrent", "true");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> starts = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                starts.add(() -> api.start("concurrent").path("number").asLong());
            }
            List<Long> numbers = new ArrayList<>();
            for (Future<Long> number : threads.invokeAll(starts)) {
                numbers.add(number.get());
            }

            assertThat(numbers).containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, 24).boxed().toList());
        }
        finally {
            threads.shutdownNow();
        }
        JsonNode list = client.get("/api/v1/projects/concurrent/builds?limit=500").json();
        list.path("builds").forEach(build -> api.awaitEnded(build.path("id").asText()));
    }

    @Test
    void listIsNewestFirstWithFiltersAndCursors(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        api.createInlineProject("listed", "true");
        api.createInlineProject("listed-failing", "false");
        Instant before = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api.start("listed").path("id").asText());
        }
        String failed = api.start("listed-failing").path("id").asText();
        ids.forEach(api::awaitEnded);
        api.awaitEnded(failed);

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = client.get("/api/v1/projects/listed/builds?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            assertThat(page.path("builds").size()).isLessThanOrEqualTo(2);
            page.path("builds").forEach(build -> listed.add(build.path("id").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        }
        while (cursor != null);

        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(listed).containsExactlyElementsOf(newestFirst);
        assertThat(ids(client.get("/api/v1/builds?status=FAILED&project=listed-failing").json())).containsExactly(failed);
        assertThat(ids(client.get("/api/v1/builds?project=listed&status=FAILED").json())).isEmpty();
        assertThat(ids(client.get("/api/v1/builds?project=listed&initiator=anonymous&since=" + before + "&until=" + Instant.now().plusSeconds(60)).json()))
                .hasSize(5);
        assertThat(ids(client.get("/api/v1/builds?project=listed&until=" + before).json())).isEmpty();
        assertThat(ids(client.get("/api/v1/builds?project=listed&initiator=alice").json())).isEmpty();
        TestResponse badStatus = client.get("/api/v1/builds?status=DONE&since=yesterday");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().path("details")).extracting(JsonNode::asText).containsExactly(
                "status: must be one of [SUCCEEDED, FAILED, FAULT, TIMED_OUT, IN_PROGRESS, STOPPED], was 'DONE'",
                "since: must be an ISO-8601 instant such as 2026-11-26T13:00:00Z, was 'yesterday'");
        assertThat(client.get("/api/v1/builds?cursor=bm90LWEtbnVtYmVy").status()).isEqualTo(400);
        assertThat(client.get("/api/v1/builds?limit=501").status()).isEqualTo(400);
        assertThat(client.get("/api/v1/projects/listed/builds?limit=many").status()).isEqualTo(400);
    }

    @Test
    void stoppingARunningBuildEndsItStoppedAndStoppingItAgainIs409(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        api.createInlineProject("stopped", "echo started", "sleep 60");
        String id = api.start("stopped").path("id").asText();
        api.awaitPhase(id, "BUILD");

        TestResponse stop = client.post("/api/v1/builds/" + id + "/stop");

        assertThat(stop.status()).as(stop.body()).isEqualTo(200);
        JsonNode ended = api.awaitEnded(id, Duration.ofSeconds(30));
        assertThat(ended.path("status").asText()).isEqualTo("STOPPED");
        JsonNode build = phase(ended, "BUILD");
        assertThat(build.path("status").asText()).isEqualTo("STOPPED");
        assertThat(build.path("contexts").get(0).path("message").asText()).isEqualTo("Build was stopped by anonymous");
        assertThat(Logs.isComplete(server.server(), id)).isTrue();

        TestResponse again = client.post("/api/v1/builds/" + id + "/stop");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asText()).isEqualTo("CONFLICT");
        assertThat(again.json().path("message").asText()).startsWith("Build " + id + " has already ended (STOPPED at ")
                .endsWith("); only queued or running builds can be stopped");
    }

    @Test
    void retryingARunningBuildIs409AndRetryingAnEndedOneStartsANewBuild(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        api.createInlineProject("retried", "sleep 60");
        String running = api.start("retried", "{\"environmentVariablesOverride\": [{\"name\": \"X\", \"value\": \"1\"}], \"priority\": 3}")
                .path("id").asText();
        api.awaitPhase(running, "BUILD");

        TestResponse tooEarly = client.post("/api/v1/builds/" + running + "/retry");
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.json().path("message").asText()).isEqualTo("Build " + running + " is still running (phase BUILD); a build can be retried "
                + "once it has ended. Stop it first (POST /api/v1/builds/" + running + "/stop)");

        client.post("/api/v1/builds/" + running + "/stop");
        api.awaitEnded(running);
        TestResponse retry = client.post("/api/v1/builds/" + running + "/retry");

        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        JsonNode retried = retry.json();
        assertThat(retried.path("id").asText()).isNotEqualTo(running).startsWith("retried:");
        assertThat(retried.path("number").asLong()).isEqualTo(2);
        assertThat(retried.path("retryOf").asText()).isEqualTo(running);
        assertThat(retried.path("priority").asInt()).isEqualTo(3);
        client.post("/api/v1/builds/" + retried.path("id").asText() + "/stop");
        api.awaitEnded(retried.path("id").asText());
    }

    @Test
    void anIdempotencyTokenReturnsTheSameBuildForTheSameRequestAndConflictsForAnother(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        api.createInlineProject("idempotent", "true");

        TestResponse first = client.postJson("/api/v1/projects/idempotent/builds", "{\"idempotencyToken\": \"deploy-42\", \"priority\": 1}");
        TestResponse same = client.postJson("/api/v1/projects/idempotent/builds", "{\"idempotencyToken\": \"deploy-42\", \"priority\": 1}");
        TestResponse different = client.postJson("/api/v1/projects/idempotent/builds", "{\"idempotencyToken\": \"deploy-42\", \"priority\": 2}");
        TestResponse other = client.postJson("/api/v1/projects/idempotent/builds", "{\"idempotencyToken\": \"deploy-43\", \"priority\": 1}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.json().path("message").asText()).isEqualTo("Idempotency token 'deploy-42' started build " + first.json().path("id").asText()
                + " with a different request within the last 12 hours; use a new token for a different request");
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.json().path("number").asLong()).as("the refused and the repeated request took no number").isEqualTo(2);
        api.awaitEnded(first.json().path("id").asText());
        api.awaitEnded(other.json().path("id").asText());
    }

    @Test
    void deletingAProjectWithARunningBuildIs409AndAfterItEndedRemovesItsBuilds(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        api.createInlineProject("doomed", "sleep 60");
        String id = api.start("doomed").path("id").asText();
        api.awaitPhase(id, "BUILD");

        TestResponse refused = client.delete("/api/v1/projects/doomed");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("message").asText()).isEqualTo("Project 'doomed' has 1 queued or running build [" + id + "]; stop it "
                + "(POST /api/v1/builds/{id}/stop), then delete the project");
        client.post("/api/v1/builds/" + id + "/stop");
        api.awaitEnded(id);

        assertThat(client.delete("/api/v1/projects/doomed").status()).isEqualTo(204);
        assertThat(client.get("/api/v1/builds/" + id).status()).isEqualTo(404);
        assertThat(Logs.exists(server.server(), id)).isFalse();
        api.createInlineProject("doomed", "true");
        assertThat(api.start("doomed").path("number").asLong()).as("a new project of the same name starts at 1").isEqualTo(1);
    }

    static JsonNode phase(JsonNode build, String type)
    {
        for (JsonNode phase : build.path("phases")) {
            if (phase.path("type").asText().equals(type)) {
                return phase;
            }
        }
        throw new AssertionError("No phase " + type + " in " + build.toPrettyString());
    }

    private static List<String> ids(JsonNode list)
    {
        List<String> ids = new ArrayList<>();
        list.path("builds").forEach(build -> ids.add(build.path("id").asText()));
        return ids;
    }
}
