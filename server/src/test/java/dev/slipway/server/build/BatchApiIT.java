package dev.slipway.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestResponse;

/** Batch builds over the API, with real child builds on the local executor (2 slots). */
class BatchApiIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = ServiceServers.builder().build();

    @TempDir
    Path temp;

    @Test
    void aBuildListRunsEveryTaskAsAChildBuildWithItsIdentifierAndVariables(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        project(api, "list", """
                version: 0.2
                batch:
                  build-list:
                    - identifier: first
                      env:
                        variables:
                          WHO: one
                    - identifier: second
                      env:
                        variables:
                          WHO: two
                phases:
                  build:
                    commands:
                      - echo "I am $CODEBUILD_BATCH_BUILD_IDENTIFIER with $WHO"
                """);

        TestResponse response = client.postJson("/api/v1/projects/list/build-batches", "{}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String id = response.json().path("id").asText();
        assertThat(id).matches("list:[0-9a-f-]{36}");
        assertThat(response.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/api/v1/build-batches/" + id));
        assertThat(response.json().path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(response.json().path("number").asLong()).isEqualTo(1);

        JsonNode batch = awaitEnded(client, id);

        assertThat(batch.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(batch.path("currentPhase").asText()).isEqualTo("SUCCEEDED");
        assertThat(batch.path("phases").findValuesAsText("type")).containsExactly("SUBMITTED", "DOWNLOAD_BATCHSPEC", "IN_PROGRESS", "COMBINE_ARTIFACTS",
                "SUCCEEDED");
        assertThat(batch.path("phases").get(2).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(batch.path("buildGroups").findValuesAsText("identifier")).containsExactly("first", "second");
        assertThat(batch.path("buildGroups").findValuesAsText("buildStatus")).containsExactly("SUCCEEDED", "SUCCEEDED");
        for (JsonNode group : batch.path("buildGroups")) {
            String buildId = group.path("buildId").asText();
            JsonNode build = api.get(buildId);
            assertThat(build.path("batchId").asText()).isEqualTo(id);
            assertThat(build.path("batchBuildIdentifier").asText()).isEqualTo(group.path("identifier").asText());
            String who = group.path("identifier").asText().equals("first") ? "one" : "two";
            assertThat(Logs.lines(server.server(), buildId)).contains("I am " + group.path("identifier").asText() + " with " + who);
        }
        assertThat(batch.path("builds")).hasSize(2);
        JsonNode listed = client.get("/api/v1/projects/list/builds").json();
        assertThat(listed.path("builds").findValuesAsText("batchId")).containsOnly(id).hasSize(2);
    }

    @Test
    void aBuildMatrixRunsOneChildPerCombination(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        project(api, "matrix", """
                version: 0.2
                batch:
                  build-matrix:
                    dynamic:
                      env:
                        variables:
                          OS: [linux, mac]
                          JDK: ["17", "21"]
                phases:
                  build:
                    commands:
                      - echo "combination $OS-$JDK"
                """);

        JsonNode batch = awaitEnded(client, start(client, "matrix", "{}"));

        assertThat(batch.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(batch.path("buildGroups").findValuesAsText("identifier")).containsExactly("build_matrix_1", "build_matrix_2", "build_matrix_3",
                "build_matrix_4");
        List<String> combinations = new ArrayList<>();
        for (JsonNode group : batch.path("buildGroups")) {
            Logs.lines(server.server(), group.path("buildId").asText()).stream().filter(line -> line.startsWith("combination ")).forEach(combinations::add);
        }
        assertThat(combinations).containsExactlyInAnyOrder("combination linux-17", "combination linux-21", "combination mac-17", "combination mac-21");
        assertThat(api.get(batch.path("buildGroups").get(0).path("buildId").asText()).path("batchBuildIdentifier").asText()).isEqualTo("build_matrix_1");
    }

    @Test
    void aBuildGraphRunsATaskAfterItsDependenciesAndNeverAfterAFailedOne(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        project(api, "graph", """
                version: 0.2
                batch:
                  build-graph:
                    - identifier: compile
                    - identifier: test
                      depend-on: [compile]
                    - identifier: broken
                      env:
                        variables:
                          FAIL: "yes"
                    - identifier: deploy
                      depend-on: [test, broken]
                phases:
                  build:
                    commands:
                      - test "$FAIL" != yes
                """);

        JsonNode batch = awaitEnded(client, start(client, "graph", "{}"));

        assertThat(batch.path("status").asText()).isEqualTo("FAILED");
        JsonNode compile = api.get(group(batch, "compile").path("buildId").asText());
        JsonNode test = api.get(group(batch, "test").path("buildId").asText());
        assertThat(Instant.parse(test.path("queuedAt").asText())).as("test is queued once compile ended")
                .isAfterOrEqualTo(Instant.parse(compile.path("endTime").asText()));
        assertThat(test.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(group(batch, "broken").path("buildStatus").asText()).isEqualTo("FAILED");
        assertThat(group(batch, "deploy").path("buildId").isNull()).isTrue();
        assertThat(group(batch, "deploy").path("notRunReason").asText()).isEqualTo("its dependency broken did not succeed");
        assertThat(batch.path("builds")).hasSize(3);
    }

    @Test
    void fastFailStopsTheRunningChildrenAndIgnoreFailureDoesNotFailTheBatch(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        project(api, "fastfail", """
                version: 0.2
                batch:
                  fast-fail: true
                  build-list:
                    - identifier: sleeper
                      env:
                        variables:
                          MODE: sleep
                    - identifier: failer
                      env:
                        variables:
                          MODE: fail
                phases:
                  build:
                    commands:
                      - if [ "$MODE" = sleep ]; then sleep 600; fi
                      - test "$MODE" != fail
                """);
        project(api, "tolerant", """
                version: 0.2
                batch:
                  fast-fail: true
                  build-list:
                    - identifier: fine
                    - identifier: flaky
                      ignore-failure: true
                      env:
                        variables:
                          MODE: fail
                phases:
                  build:
                    commands:
                      - test "$MODE" != fail
                """);

        JsonNode failed = awaitEnded(client, start(client, "fastfail", "{}"));
        JsonNode tolerated = awaitEnded(client, start(client, "tolerant", "{}"));

        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(group(failed, "failer").path("buildStatus").asText()).isEqualTo("FAILED");
        assertThat(group(failed, "sleeper").path("buildStatus").asText()).isEqualTo("STOPPED");
        assertThat(api.get(group(failed, "sleeper").path("buildId").asText()).path("phases").toString()).contains("Stopped by fast-fail: failer ended FAILED");
        assertThat(tolerated.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(group(tolerated, "flaky").path("buildStatus").asText()).isEqualTo("FAILED");
        assertThat(group(tolerated, "flaky").path("ignoreFailure").asBoolean()).isTrue();
    }

    @Test
    void aStoppedBatchStopsItsChildrenAndCannotBeStoppedAgainButCanBeRetried(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        project(api, "stoppable", """
                version: 0.2
                batch:
                  build-list:
                    - identifier: long
                phases:
                  build:
                    commands:
                      - sleep 600
                """);
        String id = start(client, "stoppable", "{}");
        AtomicReference<String> child = new AtomicReference<>();
        await("the child runs").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode batch = client.get("/api/v1/build-batches/" + id).json();
            assertThat(batch.path("builds")).hasSize(1);
            child.set(batch.path("builds").get(0).asText());
            assertThat(api.get(child.get()).path("phases").findValuesAsText("type")).contains("BUILD");
        });

        TestResponse retryRunning = client.postJson("/api/v1/build-batches/" + id + "/retry", "{}");
        assertThat(retryRunning.status()).as(retryRunning.body()).isEqualTo(409);
        assertThat(retryRunning.json().path("code").asText()).isEqualTo("CONFLICT");

        TestResponse stopped = client.postJson("/api/v1/build-batches/" + id + "/stop", "");
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        JsonNode batch = awaitEnded(client, id);
        assertThat(batch.path("status").asText()).isEqualTo("STOPPED");
        assertThat(api.awaitEnded(child.get()).path("status").asText()).isEqualTo("STOPPED");

        TestResponse again = client.postJson("/api/v1/build-batches/" + id + "/stop", "");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().path("message").asText()).contains("has already ended (STOPPED)");

        TestResponse badRetry = client.postJson("/api/v1/build-batches/" + id + "/retry", "{\"retryType\":\"RETRY_SOME\"}");
        assertThat(badRetry.status()).as(badRetry.body()).isEqualTo(400);
        assertThat(badRetry.json().path("message").asText()).contains("retryType: must be one of [RETRY_ALL_BUILDS, RETRY_FAILED_BUILDS]");
    }

    @Test
    void retryingTheFailedBuildsRunsOnlyThemAgainInTheSameBatch(TestHttpClient client)
            throws IOException
    {
        BuildApi api = new BuildApi(client);
        Path marker = temp.resolve("marker");
        project(api, "retried", """
                version: 0.2
                batch:
                  build-list:
                    - identifier: steady
                    - identifier: flaky
                      env:
                        variables:
                          NEEDS: %s
                phases:
                  build:
                    commands:
                      - if [ -n "$NEEDS" ]; then test -f "$NEEDS"; fi
                """.formatted(marker));
        String id = start(client, "retried", "{}");
        JsonNode first = awaitEnded(client, id);
        assertThat(first.path("status").asText()).isEqualTo("FAILED");
        String steady = group(first, "steady").path("buildId").asText();
        String flaky = group(first, "flaky").path("buildId").asText();
        Files.writeString(marker, "now it works");

        TestResponse retried = client.postJson("/api/v1/build-batches/" + id + "/retry", "{\"retryType\":\"RETRY_FAILED_BUILDS\"}");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().path("id").asText()).isEqualTo(id);
        JsonNode second = awaitEnded(client, id);

        assertThat(second.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(second.path("retryCount").asInt()).isEqualTo(1);
        assertThat(group(second, "steady").path("buildId").asText()).as("kept").isEqualTo(steady);
        assertThat(group(second, "flaky").path("buildId").asText()).as("run again").isNotEqualTo(flaky);
        assertThat(second.path("builds")).hasSize(3);

        TestResponse all = client.postJson("/api/v1/build-batches/" + id + "/retry", "{\"retryType\":\"RETRY_ALL_BUILDS\"}");
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        JsonNode third = awaitEnded(client, id);
        assertThat(third.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(group(third, "steady").path("buildId").asText()).isNotEqualTo(steady);
        assertThat(third.path("builds")).hasSize(5);
        assertThat(api.get(steady).path("batchId").asText()).isEqualTo(id);
    }

    @Test
    void aBatchspecWithoutABatchSectionFailsTheBatchInDownloadBatchspec(TestHttpClient client)
    {
        new BuildApi(client).createInlineProject("nobatch", "echo single");

        JsonNode batch = awaitEnded(client, start(client, "nobatch", "{}"));

        assertThat(batch.path("status").asText()).isEqualTo("FAILED");
        JsonNode download = batch.path("phases").get(1);
        assertThat(download.path("type").asText()).isEqualTo("DOWNLOAD_BATCHSPEC");
        assertThat(download.path("status").asText()).isEqualTo("FAILED");
        assertThat(download.path("contexts").get(0).path("message").asText()).isEqualTo("The buildspec has no batch section");
    }

    @Test
    void aPlainBuildOfABuildspecWithABatchSectionRunsOnceAndSaysTheSectionIsIgnored(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        project(api, "single", """
                version: 0.2
                batch:
                  build-list:
                    - identifier: never
                phases:
                  build:
                    commands:
                      - echo "identifier [$CODEBUILD_BATCH_BUILD_IDENTIFIER]"
                """);

        JsonNode build = api.awaitEnded(api.start("single").path("id").asText());

        assertThat(build.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(build.path("batchId").isNull()).isTrue();
        assertThat(Logs.lines(server.server(), build.path("id").asText())).contains("identifier []")
                .anyMatch(line -> line.contains("The buildspec's batch section is ignored for a single build"));
    }

    @Test
    void unknownProjectsAndBatchesAndBadRequestsAreErrors(TestHttpClient client)
    {
        TestResponse unknownProject = client.postJson("/api/v1/projects/nope/build-batches", "{}");
        assertThat(unknownProject.status()).as(unknownProject.body()).isEqualTo(404);
        assertThat(client.get("/api/v1/projects/nope/build-batches").status()).isEqualTo(404);
        TestResponse unknownBatch = client.get("/api/v1/build-batches/nope:00000000-0000-0000-0000-000000000000");
        assertThat(unknownBatch.status()).isEqualTo(404);
        assertThat(unknownBatch.json().path("message").asText()).contains("GET /api/v1/build-batches lists them");
        assertThat(client.postJson("/api/v1/build-batches/nope:x/stop", "").status()).isEqualTo(404);
        assertThat(client.postJson("/api/v1/build-batches/nope:x/retry", "{}").status()).isEqualTo(404);

        new BuildApi(client).createInlineProject("validated", "true");
        TestResponse invalid = client.postJson("/api/v1/projects/validated/build-batches", "{\"timeoutInMinutesOverride\": 1}");
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.json().path("message").asText()).isEqualTo("Invalid batch start request: timeoutInMinutesOverride: must be between 5 and 2160, "
                + "was 1");
        TestResponse versioned = client.postJson("/api/v1/projects/validated/build-batches", "{\"sourceVersion\": \"main\"}");
        assertThat(versioned.status()).as(versioned.body()).isEqualTo(400);
        assertThat(versioned.json().path("message").asText()).startsWith("Invalid batch start request: sourceVersion: project 'validated' has no source");
        assertThat(client.get("/api/v1/projects/validated/build-batches").json().toString()).doesNotContain("validated:");
    }

    @Test
    void batchesAreListedNewestFirstWithACursor(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        project(api, "listed", """
                version: 0.2
                batch:
                  build-list:
                    - identifier: only
                phases:
                  build:
                    commands:
                      - true
                """);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(start(client, "listed", "{}"));
        }
        ids.forEach(id -> awaitEnded(client, id));

        JsonNode page = client.get("/api/v1/projects/listed/build-batches?limit=2").json();
        assertThat(page.path("batches").findValuesAsText("id")).containsExactly(ids.get(2), ids.get(1));
        assertThat(page.path("batches").get(0).path("number").asLong()).isEqualTo(3);
        JsonNode next = client.get("/api/v1/projects/listed/build-batches?limit=2&cursor=" + page.path("nextCursor").asText()).json();
        assertThat(next.path("batches").findValuesAsText("id")).containsExactly(ids.get(0));
        assertThat(next.path("nextCursor").isNull()).isTrue();
        JsonNode all = client.get("/api/v1/build-batches?project=listed").json();
        assertThat(all.path("batches").findValuesAsText("id")).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(client.get("/api/v1/build-batches?limit=0").status()).isEqualTo(400);
    }

    @Test
    void combineArtifactsPutsEveryChildsPrimaryArtifactUnderItsIdentifierInOneZip(TestHttpClient client)
            throws IOException
    {
        BuildApi api = new BuildApi(client);
        ObjectNode project = BuildApi.JSON.createObjectNode();
        project.put("name", "combined");
        project.putObject("source").put("type", "none");
        project.putObject("buildspec").put("inline", """
                version: 0.2
                batch:
                  build-list:
                    - identifier: left
                    - identifier: right
                phases:
                  build:
                    commands:
                      - echo "made by $CODEBUILD_BATCH_BUILD_IDENTIFIER" > out.txt
                artifacts:
                  files:
                    - out.txt
                """);
        project.putObject("artifacts").put("store", "default");
        api.createProject(project);

        JsonNode batch = awaitEnded(client, start(client, "combined", "{\"combineArtifacts\": true}"));

        assertThat(batch.path("status").asText()).as(batch.toString()).isEqualTo("SUCCEEDED");
        assertThat(batch.path("combineArtifacts").asBoolean()).isTrue();
        JsonNode combined = batch.path("combinedArtifact");
        assertThat(combined.path("name").asText()).isEqualTo("combined.zip");
        Path zip = Path.of(java.net.URI.create(combined.path("location").asText()));
        List<String> entries = new ArrayList<>();
        try (var file = new java.util.zip.ZipFile(zip.toFile())) {
            file.stream().forEach(entry -> entries.add(entry.getName()));
            assertThat(new String(file.getInputStream(file.getEntry("left/out.txt")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("made by left\n");
        }
        assertThat(entries).containsExactlyInAnyOrder("left/out.txt", "right/out.txt");

        JsonNode separate = awaitEnded(client, start(client, "combined", "{}"));
        assertThat(separate.path("combinedArtifact").isNull()).isTrue();
    }

    // ---------------------------------------------------------------- helpers

    private static void project(BuildApi api, String name, String buildspec)
    {
        ObjectNode project = BuildApi.JSON.createObjectNode();
        project.put("name", name);
        project.putObject("source").put("type", "none");
        project.putObject("buildspec").put("inline", buildspec);
        api.createProject(project);
    }

    static String start(TestHttpClient client, String project, String body)
    {
        TestResponse response = client.postJson("/api/v1/projects/" + project + "/build-batches", body);
        assertThat(response.status()).as("start a batch of %s: %s", project, response.body()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    static JsonNode awaitEnded(TestHttpClient client, String id)
    {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("batch " + id + " ends").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            TestResponse response = client.get("/api/v1/build-batches/" + id);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            last.set(response.json());
            assertThat(last.get().path("status").asText()).as(last.get().toString()).isNotEqualTo("IN_PROGRESS");
        });
        return last.get();
    }

    static JsonNode group(JsonNode batch, String identifier)
    {
        for (JsonNode group : batch.path("buildGroups")) {
            if (group.path("identifier").asText().equals(identifier)) {
                return group;
            }
        }
        throw new AssertionError("No build group " + identifier + " in " + batch);
    }
}
