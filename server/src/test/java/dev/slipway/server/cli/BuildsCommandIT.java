package dev.slipway.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.slipway.server.run.RunExitCodes;
import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;

/**
 * {@code slipway builds start|stop|retry|list|get|logs} against a real server running real builds on the local
 * executor, with every option and the errors.
 */
class BuildsCommandIT
{
    private static final Pattern STARTED = Pattern.compile("Started build ([A-Za-z0-9_-]+:[0-9a-f-]{36}) \\(#(\\d+)\\)");

    @RegisterExtension
    static final SlipwayServerExtension server = ServiceServers.builder().build();

    @TempDir
    Path temp;

    private Cli cli()
    {
        return Cli.against(server.server().uri()).in(temp);
    }

    private static Api api()
    {
        return new Api(server.client());
    }

    // ---------------------------------------------------------------- start

    @Test
    void startPrintsTheQueuedBuildAndReturns()
    {
        api().createInlineProject("started", "echo hi");

        Cli.Result result = cli().run("builds", "start", "started");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).matches("Started build started:[0-9a-f-]{36} \\(#1\\): IN_PROGRESS, QUEUED\n");
        String id = startedId(result.out());
        assertThat(api().awaitEnded(id).path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void startAsJsonPrintsTheApisAnswer()
    {
        api().createInlineProject("started-json", "echo hi");

        Cli.Result result = cli().run("builds", "start", "started-json", "-o", "json");

        assertThat(result.exitCode()).isZero();
        JsonNode started = Api.parse(result.out());
        assertThat(started.path("number").asInt()).isEqualTo(1);
        assertThat(started.path("currentPhase").asText()).isEqualTo("QUEUED");
        JsonNode stored = api().build(started.path("id").asText());
        assertThat(started.path("queuedAt")).isEqualTo(stored.path("queuedAt"));
        api().awaitEnded(started.path("id").asText());
    }

    @Test
    void startWaitPrintsTheEndedBuildAndExitsWithItsStatus()
    {
        api().createInlineProject("waited", "echo fine");
        api().createInlineProject("waited-failing", "exit 3");

        Cli.Result succeeded = cli().run("builds", "start", "waited", "--wait");
        Cli.Result failed = cli().run("builds", "start", "waited-failing", "--wait");

        assertThat(succeeded.exitCode()).as(succeeded.toString()).isEqualTo(RunExitCodes.SUCCEEDED);
        assertThat(succeeded.err()).matches("Started build waited:[0-9a-f-]{36} \\(#1\\); waiting for it to end\n");
        assertThat(succeeded.out()).contains("Status:          SUCCEEDED\n", "Phase:           COMPLETED\n").containsPattern("(?m)^PHASE +STATUS +STARTED +DURATION +CONTEXT$")
                .containsPattern("(?m)^BUILD +SUCCEEDED +(just now|\\d+ s ago) +[0-9.]+ m?s +-$");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(RunExitCodes.FAILED);
        assertThat(failed.out()).contains("Status:          FAILED\n")
                .containsPattern("(?m)^BUILD +FAILED +(just now|\\d+ s ago) +[0-9.]+ m?s +COMMAND_EXECUTION_ERROR: Error while executing command: exit 3\\. Reason: exit status 3$");
    }

    @Test
    void startWaitAsJsonPrintsTheEndedBuild()
    {
        api().createInlineProject("waited-json", "exit 1");

        Cli.Result result = cli().run("builds", "start", "waited-json", "--wait", "--output", "json");

        assertThat(result.exitCode()).isEqualTo(RunExitCodes.FAILED);
        assertThat(result.err()).isEmpty();
        JsonNode ended = Api.parse(result.out());
        assertThat(result.out()).isEqualTo(server.client().get("/api/v1/builds/" + ended.path("id").asText()).body() + "\n");
        assertThat(ended.path("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void startFollowPrintsTheLogThenASummary()
    {
        api().createInlineProject("followed", "echo one", "echo two");

        Cli.Result result = cli().run("builds", "start", "followed", "--follow");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(RunExitCodes.SUCCEEDED);
        String id = startedId(result.err());
        assertThat(result.out().lines().toList()).isEqualTo(api().logLines(id)).contains("one", "two");
        assertThat(result.err()).matches("Started build followed:[0-9a-f-]{36} \\(#1\\); following its log\n"
                + "Build followed:[0-9a-f-]{36} \\(#1\\) SUCCEEDED after [0-9.]+ m?s\n");
    }

    @Test
    void startOverridesReachTheBuildAndTheIdempotencyTokenFindsIt()
    {
        // A source with versions: the directory source's only version is the hash of its tree, which a first build
        // resolves; a project without a source refuses a sourceVersion.
        write("source/buildspec.yml", Api.buildspec("echo never"));
        assertThat(cli().run("projects", "create", "overridden", "--source-path", temp.resolve("source").toString()).exitCode()).isZero();
        String version = api().awaitEnded(api().start("overridden")).path("resolvedSourceVersion").asText();
        assertThat(version).isNotEmpty();
        write("override.yml", "version: 0.2\nenv:\n  exported-variables: [GREETING, SECRET_NAME]\nphases:\n  build:\n    commands:\n"
                + "      - echo \"$GREETING\"\n      - echo \"version $CODEBUILD_SOURCE_VERSION\"\n");

        Cli.Result result = cli().run("builds", "start", "overridden", "--env", "GREETING=from the command line", "--buildspec-file", "override.yml",
                "--source-version", version, "--timeout", "30", "--queued-timeout", "60", "--priority", "7", "--idempotency-token", "deploy-42",
                "--wait", "-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode ended = Api.parse(result.out());
        assertThat(ended.path("exportedVariables").toString()).isEqualTo("[{\"name\":\"GREETING\",\"value\":\"from the command line\"}]");
        assertThat(ended.path("timeoutInMinutes").asInt()).isEqualTo(30);
        assertThat(ended.path("queuedTimeoutInMinutes").asInt()).isEqualTo(60);
        assertThat(ended.path("priority").asInt()).isEqualTo(7);
        assertThat(ended.path("sourceVersion").asText()).isEqualTo(version);
        assertThat(api().logLines(ended.path("id").asText())).contains("from the command line", "version " + version).doesNotContain("never");

        Cli.Result again = cli().run("builds", "start", "overridden", "--env", "GREETING=from the command line", "--buildspec-file", "override.yml",
                "--source-version", version, "--timeout", "30", "--queued-timeout", "60", "--priority", "7", "--idempotency-token", "deploy-42");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo("Already started build " + ended.path("id").asText() + " (#2): SUCCEEDED, COMPLETED\n");

        Cli.Result other = cli().run("builds", "start", "overridden", "--priority", "8", "--idempotency-token", "deploy-42");
        assertThat(other.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(other.err()).startsWith("error: Idempotency token 'deploy-42' started build " + ended.path("id").asText());
    }

    @Test
    void startWithVariablesFromParametersAndSecretsSendsTheirTypes()
    {
        api().createInlineProject("referenced", "echo \"$DB\"");

        Cli.Result result = cli().run("builds", "start", "referenced", "--env-parameter", "DB=/prod/db", "--env-secret", "TOKEN=deploy:token", "--wait",
                "-o", "json");

        // No parameter or secret store exists before the security issue: the build fails naming what is missing.
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(RunExitCodes.FAILED);
        assertThat(result.out()).contains("Parameter /prod/db for variable DB does not exist");
    }

    @Test
    void startOfAnUnknownProjectIsAnError()
    {
        Cli.Result result = cli().run("builds", "start", "ghost", "--follow");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("error: Project 'ghost' does not exist; GET /api/v1/projects lists the projects\n");
    }

    @Test
    void invalidOverridesArePrintedOneLinePerField()
    {
        api().createInlineProject("strict-start", "true");

        Cli.Result result = cli().run("builds", "start", "strict-start", "--timeout", "3", "--priority", "5000");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        List<String> lines = result.err().lines().toList();
        assertThat(lines.get(0)).startsWith("error: ");
        assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrder("  timeoutInMinutesOverride: must be between 5 and 2160, was 3",
                "  priority: must be between -1000 and 1000, was 5000");
        assertThat(server.client().get("/api/v1/projects/strict-start/builds").json().path("builds")).isEmpty();
    }

    @Test
    void waitAndFollowExcludeEachOtherAndFollowPrintsNoJson()
    {
        Cli.Result both = cli().run("builds", "start", "any", "--wait", "--follow");
        Cli.Result json = cli().run("builds", "retry", "any:id", "--follow", "-o", "json");

        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).startsWith("--wait and --follow exclude each other");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(json.err()).startsWith("--follow prints the log, not JSON: use --wait with --output json");
    }

    // ---------------------------------------------------------------- stop and retry

    @Test
    void stopEndsARunningBuild()
    {
        api().createInlineProject("stopped", "echo running", "sleep 60");
        String id = api().start("stopped");
        api().awaitLogLine(id, "running");

        Cli.Result result = cli().run("builds", "stop", id);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("Stopped build " + id + " (#1): STOPPED\n");
        assertThat(api().build(id).path("status").asText()).isEqualTo("STOPPED");
    }

    @Test
    void stopAsJsonPrintsTheApisAnswer()
    {
        api().createInlineProject("stopped-json", "echo running", "sleep 60");
        String id = api().start("stopped-json");
        api().awaitLogLine(id, "running");

        Cli.Result result = cli().run("builds", "stop", id, "-o", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(Api.parse(result.out()).path("status").asText()).isEqualTo("STOPPED");
        assertThat(result.out()).isEqualTo(server.client().get("/api/v1/builds/" + id).body() + "\n");
    }

    @Test
    void stoppingAFinishedBuildIsAnError()
    {
        api().createInlineProject("finished", "true");
        String id = api().start("finished");
        JsonNode ended = api().awaitEnded(id);

        Cli.Result result = cli().run("builds", "stop", id);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("error: Build " + id + " has already ended (SUCCEEDED at " + ended.path("endTime").asText()
                + "); only queued or running builds can be stopped\n");
    }

    @Test
    void stoppingAnUnknownBuildIsAnError()
    {
        Cli.Result result = cli().run("builds", "stop", "ghost:00000000-0000-0000-0000-000000000000");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("error: Build 'ghost:00000000-0000-0000-0000-000000000000' does not exist; build ids look like "
                + "<project>:<uuid>, and GET /api/v1/builds lists them\n");
    }

    @Test
    void retryStartsANewBuildThatRecordsWhatItRetries()
    {
        api().createInlineProject("retried", "echo again");
        String id = api().start("retried");
        api().awaitEnded(id);

        Cli.Result json = cli().run("builds", "retry", id, "-o", "json");
        Cli.Result followed = cli().run("builds", "retry", id, "--follow");
        Cli.Result waited = cli().run("builds", "retry", id, "--wait");

        assertThat(json.exitCode()).isZero();
        JsonNode retry = Api.parse(json.out());
        assertThat(retry.path("retryOf").asText()).isEqualTo(id);
        assertThat(retry.path("number").asInt()).isEqualTo(2);
        assertThat(followed.exitCode()).as(followed.toString()).isZero();
        assertThat(followed.out()).contains("again\n");
        assertThat(followed.err()).startsWith("Started build retried:").contains(" (#3); following its log\n");
        assertThat(waited.exitCode()).isZero();
        assertThat(waited.out()).contains("Retry of:        " + id + "\n", "Number:          4\n");
        api().awaitEnded(retry.path("id").asText());
    }

    @Test
    void retryingARunningBuildIsAnError()
    {
        api().createInlineProject("still-running", "echo running", "sleep 60");
        String id = api().start("still-running");
        api().awaitLogLine(id, "running");

        Cli.Result result = cli().run("builds", "retry", id);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("error: Build " + id + " is still running (phase BUILD); a build can be retried once it has ended. "
                + "Stop it first (POST /api/v1/builds/" + id + "/stop)\n");
        assertThat(cli().run("builds", "stop", id).exitCode()).isZero();
    }

    // ---------------------------------------------------------------- list

    @Test
    void listShowsTheBuildsNewestFirstWithStatusesColouredOnATerminal()
    {
        api().createInlineProject("listed", "test -e '" + temp.resolve("fail") + "' && exit 1 || true");
        String first = api().start("listed");
        api().awaitEnded(first);
        write("fail", "");
        String second = api().start("listed");
        api().awaitEnded(second);

        Cli.Result plain = cli().run("builds", "list", "listed");
        Cli.Result coloured = cli().terminal().run("builds", "list", "listed");

        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        List<String> lines = plain.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("ID +NUMBER +STATUS +PHASE +QUEUED +DURATION +INITIATOR");
        assertThat(lines.get(1)).matches(Pattern.quote(second) + " +2 +FAILED +COMPLETED +(just now|\\d+ s ago) +[0-9.]+ m?s +anonymous");
        assertThat(lines.get(2)).matches(Pattern.quote(first) + " +1 +SUCCEEDED +COMPLETED +(just now|\\d+ s ago) +[0-9.]+ m?s +anonymous");
        assertThat(lines.get(0).indexOf("STATUS")).isEqualTo(lines.get(1).indexOf("FAILED")).isEqualTo(lines.get(2).indexOf("SUCCEEDED"));
        assertThat(lines.get(0).indexOf("PHASE")).isEqualTo(lines.get(1).indexOf("COMPLETED")).isEqualTo(lines.get(2).indexOf("COMPLETED"));
        assertThat(coloured.out()).contains("\033[31mFAILED\033[0m", "\033[32mSUCCEEDED\033[0m");
        assertThat(coloured.out().replaceAll("\033\\[[0-9;]*m", "")).isEqualTo(plain.out());
    }

    @Test
    void listFiltersAndPages()
    {
        api().createInlineProject("filtered", "test -e '" + temp.resolve("fail") + "' && exit 1 || true");
        api().awaitEnded(api().start("filtered"));
        write("fail", "");
        String failed = api().start("filtered");
        api().awaitEnded(failed);

        Cli.Result byStatus = cli().run("builds", "list", "filtered", "--status", "FAILED", "-o", "json");
        assertThat(byStatus.out()).isEqualTo(server.client().get("/api/v1/builds?project=filtered&status=FAILED").body() + "\n");
        assertThat(Api.parse(byStatus.out()).path("builds").findValuesAsText("id")).containsExactly(failed);

        assertThat(cli().run("builds", "list", "filtered", "--since", "1h", "--initiator", "anonymous").out().lines()).hasSize(3);
        Cli.Result none = cli().run("builds", "list", "filtered", "--until", "2000-01-01");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).isEqualTo("No builds.\n");
        Instant queued = Instant.parse(api().build(failed).path("queuedAt").asText());
        assertThat(cli().run("builds", "list", "filtered", "--since", queued.toString(), "-o", "json").out())
                .isEqualTo(server.client().get("/api/v1/builds?project=filtered&since=" + queued).body() + "\n");

        Cli.Result page = cli().run("builds", "list", "filtered", "--limit", "1");
        Matcher cursor = Pattern.compile("More: repeat the command with --cursor (\\S+)\n").matcher(page.err());
        assertThat(cursor.matches()).as(page.err()).isTrue();
        assertThat(page.out()).contains(failed);
        Cli.Result next = cli().run("builds", "list", "filtered", "--limit", "1", "--cursor", cursor.group(1));
        assertThat(next.out()).doesNotContain(failed).contains("filtered:");
        assertThat(next.err()).isEmpty();
    }

    @Test
    void aTimeThatCannotBeReadIsAUsageErrorAndAnUnknownStatusTheServers()
    {
        Cli.Result time = cli().run("builds", "list", "--since", "yesterday");
        Cli.Result status = cli().run("builds", "list", "--status", "DONE");

        assertThat(time.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(time.err()).startsWith("--since must be an instant (2026-11-26T13:00:00Z), a date (2026-11-26) or an age before now (30m, 2h, 7d), "
                + "was 'yesterday'\n");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(status.err()).contains("status: must be one of [SUCCEEDED, FAILED, FAULT, TIMED_OUT, IN_PROGRESS, STOPPED], was 'DONE'");
    }

    @Test
    void listOfAnUnknownProjectIsAnError()
    {
        Cli.Result result = cli().run("builds", "list", "ghost");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("error: Project 'ghost' does not exist; GET /api/v1/projects lists the projects\n");
    }

    // ---------------------------------------------------------------- get

    @Test
    void getShowsTheBuildWithItsPhases()
    {
        api().createInlineProject("shown", "echo shown", "exit 2");
        String id = api().start("shown");
        JsonNode ended = api().awaitEnded(id);
        Instant end = Instant.parse(ended.path("endTime").asText());

        Cli.Result result = cli().clock(Clock.fixed(end.plus(Duration.ofMinutes(5)), ZoneOffset.UTC)).run("builds", "get", id);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("Build:           " + id + "\nNumber:          1\nProject:         shown\nStatus:          FAILED\n"
                        + "Phase:           COMPLETED\nInitiator:       anonymous\nRetry of:        -\nPriority:        0\nSource version:  (default)\n"
                        + "Executor:        local (BUILD_GENERAL1_SMALL)\n")
                .contains("Ended:           5 min ago (" + end + ")\n", "Timeout:         60 min (queued 480 min)\n",
                        "Log:             " + api().logLines(id).size() + " lines, ")
                .containsPattern("(?m)^QUEUED +SUCCEEDED +5 min ago +[0-9.]+ m?s +-$")
                .containsPattern("(?m)^PROVISIONING +SUCCEEDED +5 min ago +[0-9.]+ m?s +EXECUTOR: environment provisioned by executor 'local'")
                .containsPattern("(?m)^BUILD +FAILED +5 min ago +[0-9.]+ m?s +COMMAND_EXECUTION_ERROR: Error while executing command: exit 2\\. "
                        + "Reason: exit status 2$")
                .containsPattern("(?m)^COMPLETED +- +5 min ago +0 ms +-$");
    }

    @Test
    void getAsJsonPrintsExactlyTheApisJson()
    {
        api().createInlineProject("got", "true");
        String id = api().start("got");
        api().awaitEnded(id);

        Cli.Result result = cli().run("builds", "get", id, "-o", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(server.client().get("/api/v1/builds/" + id).body() + "\n");
    }

    @Test
    void getOfAnUnknownBuildIsAnError()
    {
        Cli.Result result = cli().run("builds", "get", "nope");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("error: Build 'nope' does not exist; build ids look like <project>:<uuid>, and GET /api/v1/builds lists them\n");
    }

    // ---------------------------------------------------------------- logs

    @Test
    void logsPrintsTheWholeLogAsTheServerHasIt()
    {
        String id = endedBuild("logged", "printf '\\033[32mgreen\\033[0m\\n'", "echo 'ünïcode ✓'");

        Cli.Result result = cli().run("builds", "logs", id);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(server.client().get("/api/v1/builds/" + id + "/logs/download").body());
        assertThat(result.out()).contains("\033[32mgreen\033[0m\n", "ünïcode ✓\n");
    }

    @Test
    void logsTailAndFromPrintPartsOfTheLog()
    {
        String id = endedBuild("parts", "echo a", "echo b");
        List<String> lines = api().logLines(id);

        assertThat(cli().run("builds", "logs", id, "--tail", "2").out().lines()).isEqualTo(lines.subList(lines.size() - 2, lines.size()));
        assertThat(cli().run("builds", "logs", id, "--tail", "20000").out().lines()).isEqualTo(lines);
        assertThat(cli().run("builds", "logs", id, "--tail", "0").out()).isEmpty();
        assertThat(cli().run("builds", "logs", id, "--from", "3").out().lines()).isEqualTo(lines.subList(3, lines.size()));
        assertThat(cli().run("builds", "logs", id, "--from", "100000").out()).isEmpty();
    }

    @Test
    void logsOptionsThatMakeNoSenseAreUsageErrors()
    {
        Cli.Result both = cli().run("builds", "logs", "x:y", "--tail", "1", "--from", "1");
        Cli.Result negative = cli().run("builds", "logs", "x:y", "--tail", "-1");
        Cli.Result missing = cli().run("builds", "logs");

        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).startsWith("--tail and --from exclude each other\n");
        assertThat(negative.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.err()).startsWith("--tail must be 0 or more, was -1\n");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).startsWith("Missing required parameter: 'ID'");
    }

    @Test
    void logsOfAnUnknownBuildAreAnError()
    {
        for (String[] command : List.of(new String[] {"builds", "logs", "ghost:1"}, new String[] {"builds", "logs", "ghost:1", "--tail", "5"},
                new String[] {"builds", "logs", "ghost:1", "--from", "5"}, new String[] {"builds", "logs", "ghost:1", "--follow"})) {
            Cli.Result result = cli().run(command);
            assertThat(result.exitCode()).as(String.join(" ", command)).isEqualTo(ExitCodes.ERROR);
            assertThat(result.err()).isEqualTo("error: Build 'ghost:1' does not exist\n");
        }
    }

    @Test
    void logsFollowOfAnEndedBuildPrintsItAndExitsWithItsStatus()
    {
        String succeeded = endedBuild("follow-ok", "echo fine");
        String failed = endedBuild("follow-failed", "echo broken", "exit 7");

        Cli.Result ok = cli().run("builds", "logs", succeeded, "--follow");
        Cli.Result bad = cli().run("builds", "logs", failed, "-f");

        assertThat(ok.exitCode()).as(ok.toString()).isEqualTo(RunExitCodes.SUCCEEDED);
        assertThat(ok.out().lines().toList()).isEqualTo(api().logLines(succeeded));
        assertThat(ok.err()).matches("Build follow-ok:[0-9a-f-]{36} \\(#1\\) SUCCEEDED after [0-9.]+ m?s\n");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(RunExitCodes.FAILED);
        assertThat(bad.out().lines().toList()).isEqualTo(api().logLines(failed));
        assertThat(bad.err()).matches("Build follow-failed:[0-9a-f-]{36} \\(#1\\) FAILED after [0-9.]+ m?s\n"
                + "  BUILD FAILED: COMMAND_EXECUTION_ERROR: Error while executing command: exit 7\\. Reason: exit status 7\n");
    }

    @Test
    void logsFollowPrintsLinesAsTheBuildPrintsThem()
    {
        Path go = temp.resolve("go");
        api().createInlineProject("live", "echo before", "while [ ! -e '" + go + "' ]; do sleep 0.05; done", "echo after");
        String id = api().start("live");

        Cli.Running following = cli().start("builds", "logs", id, "--follow");
        await("the line reaches the command while the build waits").atMost(Duration.ofSeconds(60))
                .until(() -> following.out().lines().anyMatch(line -> line.equals("before")));
        assertThat(following.isDone()).isFalse();
        assertThat(following.out().lines()).doesNotContain("after");
        write("go", "");

        Cli.Result result = following.await();
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(RunExitCodes.SUCCEEDED);
        assertThat(result.out().lines().toList()).isEqualTo(api().logLines(id)).containsSubsequence("before", "after");
    }

    @Test
    void logsFollowOfAStoppedBuildExits130()
    {
        api().createInlineProject("follow-stopped", "echo running", "sleep 60");
        String id = api().start("follow-stopped");
        Cli.Running following = cli().start("builds", "logs", id, "--follow");
        await().atMost(Duration.ofSeconds(60)).until(() -> following.out().contains("running\n"));

        assertThat(cli().run("builds", "stop", id).exitCode()).isZero();

        Cli.Result result = following.await();
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(RunExitCodes.STOPPED);
        assertThat(result.err()).contains(") STOPPED after ", "  BUILD STOPPED: BUILD_STOPPED: ");
    }

    @Test
    void logsFollowWithTailOrFromStartsThere()
    {
        String id = endedBuild("follow-parts", "echo x");
        List<String> lines = api().logLines(id);

        Cli.Result tail = cli().run("builds", "logs", id, "--tail", "1", "--follow");
        Cli.Result from = cli().run("builds", "logs", id, "--from", "2", "--follow");
        Cli.Result nothing = cli().run("builds", "logs", id, "--tail", "0", "--follow");

        assertThat(tail.exitCode()).isZero();
        assertThat(tail.out().lines()).containsExactly(lines.get(lines.size() - 1));
        assertThat(from.out().lines().toList()).isEqualTo(lines.subList(2, lines.size()));
        assertThat(nothing.out()).isEmpty();
        assertThat(nothing.exitCode()).isZero();
    }

    @Test
    void aBuildStoppedWhileQueuedEndsTheFollowToo()
    {
        api().createInlineProject("never-runs", "true");
        server.client().send("PUT", "/api/v1/projects/never-runs", "application/json", """
                {"source": {"type": "none"}, "buildspec": {"inline": "version: 0.2\\nphases:\\n  build:\\n    commands: [true]\\n"},
                 "environment": {"executor": "docker"}}""");
        String id = api().start("never-runs");
        Cli.Running following = cli().start("builds", "logs", id, "--follow");
        await().atMost(Duration.ofSeconds(30)).until(() -> api().build(id).path("waitReason").isTextual());

        assertThat(cli().run("builds", "stop", id).out()).isEqualTo("Stopped build " + id + " (#1): STOPPED\n");

        Cli.Result result = following.await();
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(RunExitCodes.STOPPED);
        assertThat(result.err()).matches("Build never-runs:[0-9a-f-]{36} \\(#1\\) STOPPED without running\n  QUEUED STOPPED: .*\n");
    }

    @Test
    void theGroupWithoutASubcommandPrintsItsUsageWithTheExitCodes()
    {
        Cli.Result result = cli().run("builds");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Usage: builds", "start", "stop", "retry", "list", "get", "logs", "130", "STOPPED");
    }

    // ---------------------------------------------------------------- helpers

    private String endedBuild(String project, String... commands)
    {
        api().createInlineProject(project, commands);
        String id = api().start(project);
        api().awaitEnded(id);
        return id;
    }

    private static String startedId(String output)
    {
        Matcher matcher = STARTED.matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return matcher.group(1);
    }

    private void write(String name, String text)
    {
        try {
            Path file = temp.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
