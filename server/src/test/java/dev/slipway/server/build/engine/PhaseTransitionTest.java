package dev.slipway.server.build.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.server.buildspec.Buildspec;
import dev.slipway.server.buildspec.BuildspecProblem;
import dev.slipway.server.buildspec.ParseResult;

import static dev.slipway.server.build.engine.Specs.buildspec;
import static dev.slipway.server.build.engine.Specs.onFailure;
import static dev.slipway.server.build.engine.Specs.phaseWith;
import static dev.slipway.server.build.engine.Specs.retry;
import static dev.slipway.server.buildspec.Buildspec.PhaseName.BUILD;
import static dev.slipway.server.buildspec.Buildspec.PhaseName.INSTALL;
import static dev.slipway.server.buildspec.Buildspec.PhaseName.POST_BUILD;
import static dev.slipway.server.buildspec.Buildspec.PhaseName.PRE_BUILD;
import static org.assertj.core.api.Assertions.assertThat;

class PhaseTransitionTest
{
    @TempDir
    Path workspace;

    private Specs allPhases()
    {
        return buildspec()
                .phase(INSTALL, phaseWith().commands("install-1", "install-2").finallyCommands("install-finally").build())
                .phase(PRE_BUILD, phaseWith().commands("pre-1").finallyCommands("pre-finally").build())
                .phase(BUILD, phaseWith().commands("build-1", "build-2").finallyCommands("build-finally").build())
                .phase(POST_BUILD, phaseWith().commands("post-1").finallyCommands("post-finally").build());
    }

    @Test
    void successfulBuildGoesThroughEveryPhaseInOrder()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        BuildResult result = fixture.run(allPhases().build());

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(EngineFixture.phases(result)).containsExactly(
                "SUBMITTED SUCCEEDED", "QUEUED SUCCEEDED", "PROVISIONING SUCCEEDED", "DOWNLOAD_SOURCE SUCCEEDED", "INSTALL SUCCEEDED",
                "PRE_BUILD SUCCEEDED", "BUILD SUCCEEDED", "POST_BUILD SUCCEEDED", "UPLOAD_ARTIFACTS SUCCEEDED", "FINALIZING SUCCEEDED", "COMPLETED");
        assertThat(fixture.executor.commands()).containsExactly(
                "install-1", "install-2", "install-finally", "pre-1", "pre-finally", "build-1", "build-2", "build-finally", "post-1", "post-finally");
        assertThat(result.phases()).allSatisfy(phase -> assertThat(phase.duration()).isGreaterThanOrEqualTo(java.time.Duration.ZERO));
        assertThat(fixture.executor.environmentClosed).isTrue();
        assertThat(fixture.listener.events).endsWith("start COMPLETED", "end COMPLETED", "ended SUCCEEDED");
    }

    @Test
    void firstFailingCommandSkipsTheRestOfCommandsButFinallyRuns()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.exit("build-1", 2);
        BuildResult result = fixture.run(allPhases().build());

        assertThat(fixture.executor.commands()).containsSubsequence("build-1", "build-finally").doesNotContain("build-2");
        PhaseRecord build = result.phase(BuildPhaseType.BUILD).orElseThrow();
        assertThat(build.status()).contains(BuildStatus.FAILED);
        assertThat(build.contexts()).containsExactly(new StatusContext("COMMAND_EXECUTION_ERROR", "Error while executing command: build-1. Reason: exit status 2"));
    }

    @Test
    void failingFinallyCommandFailsThePhase()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.exit("pre-finally", 1);
        BuildResult result = fixture.run(allPhases().build());

        assertThat(result.phase(BuildPhaseType.PRE_BUILD).orElseThrow().status()).contains(BuildStatus.FAILED);
        assertThat(result.status()).isEqualTo(BuildStatus.FAILED);
    }

    @Test
    void failureInInstallSkipsRemainingCommandPhasesAndUploadButRunsItsFinally()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.exit("install-1", 1);
        BuildResult result = fixture.run(allPhases().build());

        assertThat(result.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(EngineFixture.phases(result)).containsExactly(
                "SUBMITTED SUCCEEDED", "QUEUED SUCCEEDED", "PROVISIONING SUCCEEDED", "DOWNLOAD_SOURCE SUCCEEDED", "INSTALL FAILED",
                "FINALIZING SUCCEEDED", "COMPLETED");
        assertThat(fixture.executor.commands()).containsExactly("install-1", "install-finally");
    }

    @Test
    void failureInPreBuildSkipsBuildPostBuildAndUpload()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.exit("pre-1", 1);
        BuildResult result = fixture.run(allPhases().build());

        assertThat(EngineFixture.phases(result)).containsExactly(
                "SUBMITTED SUCCEEDED", "QUEUED SUCCEEDED", "PROVISIONING SUCCEEDED", "DOWNLOAD_SOURCE SUCCEEDED", "INSTALL SUCCEEDED",
                "PRE_BUILD FAILED", "FINALIZING SUCCEEDED", "COMPLETED");
        assertThat(fixture.executor.commands()).endsWith("pre-1", "pre-finally");
    }

    @Test
    void failedBuildStillRunsPostBuildWithSucceedingZeroAndAttemptsUpload()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.exit("build-1", 1);
        BuildResult result = fixture.run(allPhases().build());

        assertThat(result.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(EngineFixture.phases(result)).containsSubsequence("BUILD FAILED", "POST_BUILD SUCCEEDED", "UPLOAD_ARTIFACTS SUCCEEDED", "FINALIZING SUCCEEDED");
        List<String> all = fixture.executor.allCommands();
        assertThat(all.indexOf("export CODEBUILD_BUILD_SUCCEEDING='0'"))
                .isGreaterThan(all.indexOf("build-finally"))
                .isLessThan(all.indexOf("post-1"));
        assertThat(fixture.executor.opened.get(0).environment()).containsEntry("CODEBUILD_BUILD_SUCCEEDING", "1");
    }

    @Test
    void failureInPostBuildStillAttemptsUploadAndFailsTheBuild()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.exit("post-1", 1);
        BuildResult result = fixture.run(allPhases().build());

        assertThat(result.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(EngineFixture.phases(result)).containsSubsequence("POST_BUILD FAILED", "UPLOAD_ARTIFACTS SUCCEEDED", "FINALIZING SUCCEEDED", "COMPLETED");
    }

    @Test
    void onFailureContinueGoesToTheNextPhaseButTheBuildFails()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.exit("install-1", 1);
        Buildspec spec = allPhases()
                .phase(INSTALL, phaseWith().onFailure(onFailure(Buildspec.OnFailure.Mode.CONTINUE)).commands("install-1").build())
                .build();
        BuildResult result = fixture.run(spec);

        assertThat(result.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(EngineFixture.phases(result)).containsSubsequence("INSTALL FAILED", "PRE_BUILD SUCCEEDED", "BUILD SUCCEEDED", "POST_BUILD SUCCEEDED",
                "UPLOAD_ARTIFACTS SUCCEEDED");
        assertThat(fixture.executor.allCommands()).contains("export CODEBUILD_BUILD_SUCCEEDING='0'");
    }

    @Test
    void onFailureAbortInBuildSkipsPostBuildAndUpload()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.exit("build-1", 1);
        Buildspec spec = allPhases()
                .phase(BUILD, phaseWith().onFailure(onFailure(Buildspec.OnFailure.Mode.ABORT)).commands("build-1").finallyCommands("build-finally").build())
                .build();
        BuildResult result = fixture.run(spec);

        assertThat(EngineFixture.phases(result)).containsSubsequence("BUILD FAILED", "FINALIZING SUCCEEDED")
                .doesNotContain("POST_BUILD SUCCEEDED", "UPLOAD_ARTIFACTS SUCCEEDED");
        assertThat(fixture.executor.commands()).endsWith("build-1", "build-finally");
    }

    @Test
    void onFailureRetryRunsThePhaseAgainAfterItsFinallyUpToTheDefaultThreeRetries()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.exit("flaky", 1, "connection reset");
        Buildspec spec = buildspec()
                .phase(BUILD, phaseWith().onFailure(retry(3, ".*")).commands("flaky", "never").finallyCommands("cleanup").build())
                .build();
        BuildResult result = fixture.run(spec);

        assertThat(fixture.executor.commands()).containsExactly("flaky", "cleanup", "flaky", "cleanup", "flaky", "cleanup", "flaky", "cleanup");
        PhaseRecord build = result.phase(BuildPhaseType.BUILD).orElseThrow();
        assertThat(build.attempts()).extracting(PhaseAttempt::number).containsExactly(1, 2, 3, 4);
        assertThat(build.attempts()).allSatisfy(attempt -> assertThat(attempt.status()).isEqualTo(BuildStatus.FAILED));
        assertThat(build.status()).contains(BuildStatus.FAILED);
        assertThat(fixture.listener.engineMessages).contains("Phase build failed; retrying (attempt 2 of 4)", "Phase build failed after 4 attempts");
    }

    @Test
    void onFailureRetryStopsRetryingOnceThePhaseSucceeds()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        int[] calls = {0};
        fixture.executor.when("flaky"::equals, (command, sink, timeout) ->
                dev.slipway.api.executor.CommandResult.exited(++calls[0] < 2 ? 1 : 0, java.time.Duration.ZERO));
        BuildResult result = fixture.run(buildspec().phase(BUILD, phaseWith().onFailure(retry(5, ".*")).commands("flaky").build()).build());

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        PhaseRecord build = result.phase(BuildPhaseType.BUILD).orElseThrow();
        assertThat(build.attempts()).extracting(PhaseAttempt::status).containsExactly(BuildStatus.FAILED, BuildStatus.SUCCEEDED);
        assertThat(build.status()).contains(BuildStatus.SUCCEEDED);
    }

    @Test
    void onFailureRetryWithRegexRetriesOnlyWhileThePhaseOutputMatches()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.exit("test", 1, "AssertionError: expected 2");
        BuildResult result = fixture.run(buildspec().phase(BUILD, phaseWith().onFailure(retry(2, "timeout|reset")).commands("test").build()).build());

        assertThat(fixture.executor.commands()).containsExactly("test");
        assertThat(result.phase(BuildPhaseType.BUILD).orElseThrow().attempts()).hasSize(1);
        assertThat(fixture.listener.engineMessages).anyMatch(message -> message.contains("not retrying: its output does not match timeout|reset"));
    }

    @Test
    void onFailureRetryWithCountZeroDoesNotRetry()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.exit("test", 1);
        fixture.run(buildspec().phase(BUILD, phaseWith().onFailure(retry(0, ".*")).commands("test").build()).build());

        assertThat(fixture.executor.commands()).containsExactly("test");
    }

    @Test
    void version02RunsAllCommandsInOneShellStartedInTheSourceDirectory()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.run(allPhases().build());

        assertThat(fixture.executor.opened).hasSize(1);
        assertThat(fixture.executor.opened.get(0).workingDirectory()).isEqualTo(workspace.toString());
        assertThat(fixture.executor.runs).extracting(ScriptedExecutor.Run::session).containsOnly(1);
        assertThat(fixture.executor.closedSessions).containsExactly(1);
    }

    @Test
    void version01RunsEveryCommandInAFreshShellInTheSourceDirectory()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.run(allPhases().version("0.1").build());

        List<ScriptedExecutor.Run> buildCommands = fixture.executor.runs.stream().filter(run -> !ScriptedExecutor.isEngineCommand(run.command())).toList();
        assertThat(buildCommands).hasSize(10);
        assertThat(buildCommands).extracting(ScriptedExecutor.Run::session).doesNotHaveDuplicates();
        assertThat(fixture.executor.opened).allSatisfy(options -> assertThat(options.workingDirectory()).isEqualTo(workspace.toString()));
        assertThat(fixture.executor.closedSessions).hasSameSizeAs(fixture.executor.opened);
    }

    @Test
    void runAsAtTopLevelAndPhaseLevelOpensAShellPerUser()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        Buildspec spec = buildspec().runAs("builder")
                .phase(BUILD, "make")
                .phase(POST_BUILD, phaseWith().runAs("deployer").commands("deploy").build())
                .build();
        fixture.run(spec);

        assertThat(fixture.executor.runs).filteredOn(run -> run.command().equals("make"))
                .singleElement().satisfies(run -> assertThat(run.options().runAs()).contains("builder"));
        assertThat(fixture.executor.runs).filteredOn(run -> run.command().equals("deploy"))
                .singleElement().satisfies(run -> assertThat(run.options().runAs()).contains("deployer"));
    }

    @Test
    void envShellIsPassedToTheShell()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.run(buildspec().shell("/bin/sh").phase(BUILD, "make").build());

        assertThat(fixture.executor.opened).allSatisfy(options -> assertThat(options.shell()).contains("/bin/sh"));
    }

    @Test
    void invalidInlineYamlFailsTheBuildInSubmittedWithLineAndColumn()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        BuildspecParsing parser = text -> new ParseResult(Optional.empty(),
                List.of(new BuildspecProblem(BuildspecProblem.Severity.ERROR, "phases", 3, 5, "mapping values are not allowed here")));
        BuildResult result = fixture.run(parser, fixture.job().build());

        assertThat(result.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(EngineFixture.phases(result)).containsExactly("SUBMITTED FAILED", "FINALIZING SUCCEEDED", "COMPLETED");
        assertThat(result.phases().get(0).contexts()).singleElement().satisfies(context -> {
            assertThat(context.statusCode()).isEqualTo("YAML_FILE_ERROR");
            assertThat(context.message()).isEqualTo("inline buildspec:3:5: error: phases: mapping values are not allowed here");
        });
        assertThat(fixture.executor.request).isNull();
    }

    @Test
    void invalidBuildspecFileInTheSourceFailsDownloadSource()
            throws IOException
    {
        EngineFixture fixture = new EngineFixture(workspace);
        Files.writeString(workspace.resolve("buildspec.yml"), "version: 0.2\nphases: [");
        BuildspecParsing parser = text -> new ParseResult(Optional.empty(),
                List.of(new BuildspecProblem(BuildspecProblem.Severity.ERROR, "", 2, 9, "unexpected end of input")));
        BuildResult result = fixture.run(parser, fixture.job().buildspec(BuildspecLocation.DEFAULT).build());

        assertThat(EngineFixture.phases(result)).containsSubsequence("PROVISIONING SUCCEEDED", "DOWNLOAD_SOURCE FAILED", "FINALIZING SUCCEEDED");
        assertThat(result.phase(BuildPhaseType.DOWNLOAD_SOURCE).orElseThrow().contexts())
                .containsExactly(new StatusContext("YAML_FILE_ERROR", "buildspec.yml:2:9: error: unexpected end of input"));
        assertThat(fixture.executor.environmentClosed).isTrue();
    }

    @Test
    void missingBuildspecFileFailsDownloadSource()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        BuildResult result = fixture.run(text -> {
                    throw new AssertionError("nothing to parse");
                },
                fixture.job().buildspec(new BuildspecLocation.InSource("ci/buildspec.yml")).build());

        assertThat(result.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(result.phase(BuildPhaseType.DOWNLOAD_SOURCE).orElseThrow().contexts()).singleElement()
                .satisfies(context -> assertThat(context.message()).startsWith("The buildspec file ci/buildspec.yml does not exist in the source"));
    }

    @Test
    void buildspecWarningsAreLoggedAndTheBuildRuns()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        Buildspec spec = buildspec().phase(BUILD, "make").build();
        BuildspecParsing parser = text -> new ParseResult(Optional.of(spec),
                List.of(new BuildspecProblem(BuildspecProblem.Severity.WARNING, "artifacts.type", 9, 3, "unknown key")));
        BuildResult result = fixture.run(parser, fixture.job().build());

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(fixture.listener.engineMessages).contains("Warning: inline buildspec:9:3: warning: artifacts.type: unknown key");
    }

    @Test
    void provisioningFailureIsAFaultWithTheExecutorsMessage()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.failProvisioning(new IOException("image local/debian:bookworm not found"));
        BuildResult result = fixture.run(allPhases().build());

        assertThat(result.status()).isEqualTo(BuildStatus.FAULT);
        assertThat(EngineFixture.phases(result)).containsExactly(
                "SUBMITTED SUCCEEDED", "QUEUED SUCCEEDED", "PROVISIONING FAULT", "FINALIZING SUCCEEDED", "COMPLETED");
        assertThat(result.phase(BuildPhaseType.PROVISIONING).orElseThrow().contexts())
                .containsExactly(new StatusContext("ENVIRONMENT_ERROR", "image local/debian:bookworm not found"));
    }

    @Test
    void sourceFailureFailsDownloadSource()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        BuildResult result = fixture.run(allPhases().build(), fixture.job().source((directory, log) -> {
            throw new dev.slipway.api.SlipwayException(dev.slipway.api.ErrorCode.NOT_FOUND, "Repository https://git.example/web.git does not exist");
        }));

        assertThat(result.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(result.phase(BuildPhaseType.DOWNLOAD_SOURCE).orElseThrow().contexts())
                .containsExactly(new StatusContext("CLIENT_ERROR", "Repository https://git.example/web.git does not exist"));
    }

    @Test
    void shellFailureDuringACommandIsAFault()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.when("make"::equals, (command, sink, timeout) -> {
            throw new IOException("shell died");
        });
        BuildResult result = fixture.run(buildspec().phase(BUILD, "make").phase(POST_BUILD, "never").build());

        assertThat(result.status()).isEqualTo(BuildStatus.FAULT);
        assertThat(EngineFixture.phases(result)).containsSubsequence("BUILD FAULT", "FINALIZING SUCCEEDED").doesNotContain("POST_BUILD SUCCEEDED");
        assertThat(fixture.executor.commands()).doesNotContain("never");
    }

    @Test
    void submittedAndQueuedTimesComeFromTheJob()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        java.time.Instant submitted = java.time.Instant.now().minusSeconds(30);
        java.time.Instant queued = submitted.plusSeconds(1);
        BuildResult result = fixture.run(buildspec().build(), fixture.job().submittedAt(submitted, queued));

        assertThat(result.phase(BuildPhaseType.SUBMITTED).orElseThrow().startTime()).isEqualTo(submitted);
        assertThat(result.phase(BuildPhaseType.QUEUED).orElseThrow().startTime()).isEqualTo(queued);
        assertThat(result.phase(BuildPhaseType.QUEUED).orElseThrow().duration()).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(28));
    }

    @Test
    void commandOutputReachesTheListenerInOrderBetweenPhaseEvents()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.exit("make", 0, "compiling", "done");
        fixture.run(buildspec().phase(BUILD, "make").build());

        assertThat(fixture.listener.events).containsSubsequence("start BUILD", "log compiling", "log done", "end BUILD SUCCEEDED");
        assertThat(fixture.listener.engineMessages).containsSubsequence("Entering phase BUILD", "Running command make", "Phase complete: BUILD State: SUCCEEDED");
    }
}
