package dev.slipway.server.build.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.slipway.server.build.engine.Specs.buildspec;
import static dev.slipway.server.buildspec.Buildspec.PhaseName.BUILD;
import static dev.slipway.server.buildspec.Buildspec.PhaseName.POST_BUILD;
import static org.assertj.core.api.Assertions.assertThat;

class TimeoutAndStopTest
{
    @TempDir
    Path workspace;

    @Test
    void commandThatRunsOutOfTheBuildsTimeTimesOutThePhaseAndTheBuild()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.timesOut("slow");
        BuildResult result = fixture.run(buildspec().phase(BUILD, "slow", "never").phase(POST_BUILD, "never").build());

        assertThat(result.status()).isEqualTo(BuildStatus.TIMED_OUT);
        assertThat(EngineFixture.phases(result)).containsSubsequence("BUILD TIMED_OUT", "FINALIZING SUCCEEDED", "COMPLETED")
                .doesNotContain("POST_BUILD SUCCEEDED", "UPLOAD_ARTIFACTS SUCCEEDED");
        assertThat(result.phase(BuildPhaseType.BUILD).orElseThrow().contexts()).singleElement()
                .satisfies(context -> assertThat(context.statusCode()).isEqualTo("BUILD_TIMED_OUT"));
        assertThat(fixture.executor.commands()).containsExactly("slow");
        assertThat(fixture.executor.environmentClosed).isTrue();
    }

    @Test
    void commandsGetTheBuildsRemainingTimeAsTheirTimeout()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        Duration[] seen = new Duration[1];
        fixture.executor.when("make"::equals, (command, sink, timeout) -> {
            seen[0] = timeout;
            return dev.slipway.api.executor.CommandResult.exited(0, Duration.ZERO);
        });
        fixture.run(buildspec().phase(BUILD, "make").build(), fixture.job().timeout(Duration.ofMinutes(5)));

        assertThat(seen[0]).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void buildTimeoutInterruptsABlockedCommandAndClosesTheEnvironment()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.blocks("hang");
        BuildResult result = fixture.run(buildspec().phase(BUILD, "hang").build(), fixture.job().timeout(Duration.ofMillis(200)));

        assertThat(result.status()).isEqualTo(BuildStatus.TIMED_OUT);
        assertThat(result.phase(BuildPhaseType.BUILD).orElseThrow().status()).contains(BuildStatus.TIMED_OUT);
        assertThat(fixture.executor.environmentClosed).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void stopFromAnotherThreadStopsTheRunningPhaseAndTheBuild()
            throws Exception
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.blocks("hang");
        CompletableFuture<BuildResult> build = CompletableFuture.supplyAsync(
                () -> fixture.run(buildspec().phase(BUILD, "hang").phase(POST_BUILD, "never").build()));
        assertThat(fixture.executor.commandStarted.await(10, TimeUnit.SECONDS)).isTrue();
        fixture.control.stop("Stopped by alice");
        BuildResult result = build.get(10, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(BuildStatus.STOPPED);
        assertThat(result.phase(BuildPhaseType.BUILD).orElseThrow().contexts())
                .containsExactly(new StatusContext("BUILD_STOPPED", "Stopped by alice"));
        assertThat(EngineFixture.phases(result)).containsSubsequence("BUILD STOPPED", "FINALIZING SUCCEEDED", "COMPLETED");
        assertThat(fixture.executor.commands()).doesNotContain("never");
        assertThat(fixture.executor.environmentClosed).isTrue();
    }

    @Test
    void stopBeforeTheBuildStartsEndsItAtOnce()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.control.stop("Stopped while queued");
        BuildResult result = fixture.run(buildspec().phase(BUILD, "make").build());

        assertThat(result.status()).isEqualTo(BuildStatus.STOPPED);
        assertThat(EngineFixture.phases(result)).containsExactly("SUBMITTED STOPPED", "FINALIZING SUCCEEDED", "COMPLETED");
        assertThat(fixture.executor.request).isNull();
    }
}
