package dev.slipway.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.slipway.server.build.BuildScheduler.Launch;
import dev.slipway.server.build.BuildScheduler.QueuedBuild;
import dev.slipway.server.build.BuildScheduler.StopOutcome;
import dev.slipway.server.build.BuildScheduler.WaitReason;
import dev.slipway.server.build.ExecutorCatalog.ExecutorState;

class BuildSchedulerTest
{
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T13:00:00Z"));
    private final Map<String, ExecutorState> executors = new LinkedHashMap<>(Map.of("local", ExecutorState.available(1)));
    private final Map<String, Integer> limits = new HashMap<>();
    private final RecordingLauncher launcher = new RecordingLauncher();
    private final BuildScheduler scheduler = new BuildScheduler(() -> Map.copyOf(executors), launcher, 100, clock);
    private long seq;

    @Test
    void runsABuildAtOnceOnAFreeExecutor()
    {
        scheduler.enqueue(build("web"));

        scheduler.pass();

        assertThat(launcher.launchedIds()).containsExactly("web:1");
        assertThat(launcher.launches.get(0).waited()).isEmpty();
    }

    @Test
    void aFullExecutorMakesBuildsWaitWithTheReasonAndTheFirstOneRunsWhenASlotFrees()
    {
        scheduler.enqueue(build("web"));
        scheduler.enqueue(build("web"));
        scheduler.enqueue(build("web"));
        scheduler.pass();

        assertThat(launcher.launchedIds()).containsExactly("web:1");
        assertThat(scheduler.waitReason("web:2")).contains(new WaitReason(WaitReason.EXECUTOR_BUSY, "waiting for a free slot on executor 'local' (1 of 1 busy)"));
        assertThat(launcher.reasons).containsEntry("web:3", Optional.of(new WaitReason(WaitReason.EXECUTOR_BUSY,
                "waiting for a free slot on executor 'local' (1 of 1 busy)")));

        scheduler.finished("web:1");
        scheduler.pass();

        assertThat(launcher.launchedIds()).containsExactly("web:1", "web:2");
        assertThat(launcher.launches.get(1).waited()).extracting(WaitReason::code).containsExactly(WaitReason.EXECUTOR_BUSY);
    }

    @Test
    void slotsAreCountedPerExecutor()
    {
        executors.put("local", ExecutorState.available(2));
        executors.put("big", ExecutorState.available(1));
        for (int i = 0; i < 3; i++) {
            scheduler.enqueue(build("web", "local", 0));
            scheduler.enqueue(build("api", "big", 0));
        }

        scheduler.pass();

        assertThat(launcher.launches).extracting(launch -> launch.build().executor()).containsExactlyInAnyOrder("local", "local", "big");
    }

    @Test
    void aProjectWithManyQueuedBuildsDoesNotStarveAProjectWithOne()
    {
        for (int i = 0; i < 100; i++) {
            scheduler.enqueue(build("busy"));
        }
        scheduler.enqueue(build("small"));

        scheduler.pass();
        finishAll();
        scheduler.pass();

        assertThat(launcher.launchedIds()).containsExactly("busy:1", "small:101");
    }

    @Test
    void projectsTakeTurnsAtTheSamePriority()
    {
        for (int i = 0; i < 3; i++) {
            scheduler.enqueue(build("a"));
        }
        for (int i = 0; i < 3; i++) {
            scheduler.enqueue(build("b"));
        }

        for (int i = 0; i < 6; i++) {
            scheduler.pass();
            finishAll();
        }

        assertThat(launcher.launches).extracting(launch -> launch.build().project()).containsExactly("a", "b", "a", "b", "a", "b");
    }

    @Test
    void withinAProjectBuildsRunInSubmissionOrder()
    {
        executors.put("local", ExecutorState.available(10));
        for (int i = 0; i < 5; i++) {
            scheduler.enqueue(build("web"));
        }

        scheduler.pass();

        assertThat(launcher.launchedIds()).containsExactly("web:1", "web:2", "web:3", "web:4", "web:5");
    }

    @Test
    void higherPriorityRunsFirstAcrossProjects()
    {
        scheduler.enqueue(build("web", "local", 0));
        scheduler.enqueue(build("web", "local", 0));
        scheduler.enqueue(build("hotfix", "local", 5));
        scheduler.enqueue(build("web", "local", 10));

        for (int i = 0; i < 4; i++) {
            scheduler.pass();
            finishAll();
        }

        assertThat(launcher.launchedIds()).containsExactly("web:4", "hotfix:3", "web:1", "web:2");
    }

    @Test
    void theConcurrentBuildLimitHoldsBackAProjectOnly()
    {
        executors.put("local", ExecutorState.available(10));
        limits.put("web", 2);
        for (int i = 0; i < 4; i++) {
            scheduler.enqueue(build("web"));
        }
        scheduler.enqueue(build("api"));

        scheduler.pass();

        assertThat(launcher.launchedIds()).containsExactlyInAnyOrder("web:1", "web:2", "api:5");
        assertThat(scheduler.waitReason("web:3")).contains(new WaitReason(WaitReason.CONCURRENT_BUILD_LIMIT,
                "waiting for a running build of project 'web' to end (concurrent build limit 2, 2 running)"));

        scheduler.finished("web:1");
        scheduler.pass();

        assertThat(launcher.launchedIds()).endsWith("web:3");
        assertThat(scheduler.queuedIds()).containsExactly("web:4");
    }

    @Test
    void theNewestQueuedBuildOfAProjectCarriesItsCurrentLimit()
    {
        executors.put("local", ExecutorState.available(10));
        limits.put("web", 1);
        scheduler.enqueue(build("web"));
        scheduler.enqueue(build("web"));
        scheduler.pass();
        assertThat(launcher.launchedIds()).containsExactly("web:1");

        limits.put("web", 3);
        scheduler.enqueue(build("web"));
        scheduler.pass();

        assertThat(launcher.launchedIds()).containsExactly("web:1", "web:2", "web:3");
    }

    @Test
    void aBuildOnAnUnavailableExecutorWaitsWithTheReasonAndRunsWhenItComesBack()
    {
        executors.put("docker", ExecutorState.unavailable("executor 'docker' is unavailable: no plugin provides its factory 'docker'"));
        scheduler.enqueue(build("web", "docker", 0));
        scheduler.enqueue(build("api", "local", 0));

        scheduler.pass();

        assertThat(launcher.launchedIds()).containsExactly("api:2");
        assertThat(scheduler.waitReason("web:1")).contains(new WaitReason(WaitReason.EXECUTOR_UNAVAILABLE,
                "executor 'docker' is unavailable: no plugin provides its factory 'docker'"));

        executors.put("docker", ExecutorState.available(1));
        scheduler.pass();

        assertThat(launcher.launchedIds()).containsExactly("api:2", "web:1");
        assertThat(launcher.launches.get(1).waited()).extracting(WaitReason::code).containsExactly(WaitReason.EXECUTOR_UNAVAILABLE);
    }

    @Test
    void aBusyExecutorLetsALaterBuildOfTheSameProjectOnAnotherExecutorGo()
    {
        executors.put("big", ExecutorState.available(1));
        scheduler.enqueue(build("web", "local", 0));
        scheduler.enqueue(build("web", "local", 0));
        scheduler.enqueue(build("web", "big", 0));

        scheduler.pass();

        assertThat(launcher.launchedIds()).containsExactly("web:1", "web:3");
    }

    @Test
    void theServerWideMaximumHoldsBuildsBack()
    {
        BuildScheduler small = new BuildScheduler(() -> Map.of("local", ExecutorState.available(10)), launcher, 2, clock);
        for (int i = 0; i < 3; i++) {
            small.enqueue(build("web"));
        }

        small.pass();

        assertThat(launcher.launchedIds()).containsExactly("web:1", "web:2");
        assertThat(small.waitReason("web:3")).map(WaitReason::code).contains(WaitReason.SERVER_BUSY);
    }

    @Test
    void aBuildLeavesTheQueueWhenItsQueuedTimeoutPasses()
    {
        executors.put("local", ExecutorState.unavailable("executor 'local' is unavailable: plugin stopped"));
        scheduler.enqueue(new QueuedBuild("web:1", ++seq, "web", "local", 0, clock.instant(), Duration.ofMinutes(5), OptionalInt.empty()));
        scheduler.enqueue(new QueuedBuild("web:2", ++seq, "web", "local", 0, clock.instant(), Duration.ofMinutes(10), OptionalInt.empty()));
        scheduler.pass();

        clock.advance(Duration.ofMinutes(5));
        scheduler.pass();

        assertThat(launcher.expired).extracting(QueuedBuild::id).containsExactly("web:1");
        assertThat(launcher.expiredWaits.get(0)).extracting(WaitReason::code).containsExactly(WaitReason.EXECUTOR_UNAVAILABLE);
        assertThat(scheduler.queuedIds()).containsExactly("web:2");
        assertThat(launcher.launches).isEmpty();
    }

    @Test
    void theDispatcherThreadWakesForTheQueuedTimeoutWithoutAnyOtherEvent()
    {
        Clock real = Clock.systemUTC();
        BuildScheduler timed = new BuildScheduler(() -> Map.of("local", ExecutorState.unavailable("stopped")), launcher, 10, real);
        timed.start();
        try {
            timed.enqueue(new QueuedBuild("web:1", 1, "web", "local", 0, real.instant().minus(Duration.ofMinutes(5)).plusMillis(300), Duration.ofMinutes(5),
                    OptionalInt.empty()));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(launcher.expired).extracting(QueuedBuild::id).containsExactly("web:1"));
        }
        finally {
            timed.close();
        }
    }

    @Test
    void theDispatcherThreadLaunchesAQueuedBuildAtOnce()
    {
        scheduler.start();
        try {
            scheduler.enqueue(build("web"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(launcher.launchedIds()).containsExactly("web:1"));
        }
        finally {
            scheduler.close();
        }
    }

    @Test
    void stoppingAQueuedBuildTakesItOutAndStoppingARunningOneStopsItsControl()
    {
        scheduler.enqueue(build("web"));
        scheduler.enqueue(build("web"));
        scheduler.pass();

        assertThat(scheduler.stop("web:2", "stopped by test")).isEqualTo(StopOutcome.REMOVED_FROM_QUEUE);
        assertThat(scheduler.stop("web:1", "stopped by test")).isEqualTo(StopOutcome.STOPPING);
        assertThat(launcher.launches.get(0).control().isStopRequested()).isTrue();
        assertThat(scheduler.stop("web:7", "stopped by test")).isEqualTo(StopOutcome.UNKNOWN);

        scheduler.finished("web:1");
        scheduler.pass();
        assertThat(launcher.launchedIds()).containsExactly("web:1");
    }

    @Test
    void nothingIsLaunchedOnceDispatchingStopped()
    {
        scheduler.stopDispatching();
        scheduler.enqueue(build("web"));

        scheduler.pass();

        assertThat(launcher.launches).isEmpty();
        assertThat(scheduler.queuedIds()).containsExactly("web:1");
    }

    @Test
    void aFailedLaunchFreesItsSlot()
    {
        launcher.failNext = true;
        scheduler.enqueue(build("web"));
        scheduler.enqueue(build("web"));

        scheduler.pass();
        scheduler.pass();

        assertThat(launcher.launchedIds()).containsExactly("web:1", "web:2");
        assertThat(scheduler.runningControls()).containsOnlyKeys("web:2");
    }

    private QueuedBuild build(String project)
    {
        return build(project, "local", 0);
    }

    private QueuedBuild build(String project, String executor, int priority)
    {
        long number = ++seq;
        OptionalInt limit = limits.containsKey(project) ? OptionalInt.of(limits.get(project)) : OptionalInt.empty();
        return new QueuedBuild(project + ":" + number, number, project, executor, priority, clock.instant(), Duration.ofMinutes(480), limit);
    }

    private void finishAll()
    {
        scheduler.runningControls().keySet().forEach(scheduler::finished);
    }

    private static final class RecordingLauncher
            implements BuildScheduler.Launcher
    {
        final List<Launch> launches = new CopyOnWriteArrayList<>();
        final List<QueuedBuild> expired = new CopyOnWriteArrayList<>();
        final List<List<WaitReason>> expiredWaits = new CopyOnWriteArrayList<>();
        final Map<String, Optional<WaitReason>> reasons = new java.util.concurrent.ConcurrentHashMap<>();
        boolean failNext;

        @Override
        public void launch(Launch launch)
        {
            launches.add(launch);
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("the database is down");
            }
        }

        @Override
        public void expire(QueuedBuild build, Instant now, List<WaitReason> waited)
        {
            expired.add(build);
            expiredWaits.add(waited);
        }

        @Override
        public void waitReasonChanged(String buildId, Optional<WaitReason> reason)
        {
            reasons.put(buildId, reason);
        }

        List<String> launchedIds()
        {
            List<String> ids = new ArrayList<>();
            launches.forEach(launch -> ids.add(launch.build().id()));
            return ids;
        }
    }

    private static final class MutableClock
            extends Clock
    {
        private volatile Instant now;

        MutableClock(Instant now)
        {
            this.now = now;
        }

        void advance(Duration duration)
        {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone()
        {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone)
        {
            return this;
        }

        @Override
        public Instant instant()
        {
            return now;
        }
    }
}
