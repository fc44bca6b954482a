package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.slipway.server.build.ExecutorCatalog.ExecutorState;
import dev.slipway.server.build.engine.BuildControl;

/**
 * Decides which queued build runs next, on one dispatcher thread that sleeps until something changes: a build is
 * queued or ends, a plugin starts or stops, a queued build's timeout comes. There is no polling: a build queued on an
 * idle server starts within the time of one {@link #wake()}.
 *
 * <p>The rules, in this order:
 * <ol>
 *   <li>A build whose queued timeout has passed leaves the queue ({@link Launcher#expire}).</li>
 *   <li>A build runs only on an available executor with a free slot (slots per executor), while its project is below
 *       its {@code concurrentBuildLimit}, and while the server runs fewer than {@code builds.max-running-builds}.
 *       A build that cannot run has a {@link WaitReason}, which the launcher records.</li>
 *   <li>Among the builds that can run, higher {@code priority} first; at the same priority the projects take turns
 *       (the project with fewer running builds first, then the one that was served longest ago), so that a project with
 *       a hundred queued builds never starves one with one; within a project builds run in submission order (FIFO),
 *       except that a build whose executor is busy lets a later build on another executor go.</li>
 * </ol>
 *
 * <p>Thread-safe. The launcher is called on the dispatcher thread, outside the scheduler's lock.
 */
final class BuildScheduler
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(BuildScheduler.class);

    /** Why a queued build waits; {@code code} is also the status code of the QUEUED phase's context. */
    record WaitReason(String code, String message)
    {
        static final String EXECUTOR_BUSY = "EXECUTOR_BUSY";
        static final String EXECUTOR_UNAVAILABLE = "EXECUTOR_UNAVAILABLE";
        static final String CONCURRENT_BUILD_LIMIT = "CONCURRENT_BUILD_LIMIT";
        static final String SERVER_BUSY = "SERVER_BUSY";

        WaitReason
        {
            requireNonNull(code, "code is null");
            requireNonNull(message, "message is null");
        }
    }

    /**
     * A build in the queue.
     *
     * @param concurrentBuildLimit the project's limit in the settings the build was started with; the newest queued
     *        build of a project decides, so that a changed limit applies from the next start on
     */
    record QueuedBuild(String id, long seq, String project, String executor, int priority, Instant queuedAt, Duration queuedTimeout,
            OptionalInt concurrentBuildLimit)
    {
        QueuedBuild
        {
            requireNonNull(id, "id is null");
            requireNonNull(project, "project is null");
            requireNonNull(executor, "executor is null");
            requireNonNull(queuedAt, "queuedAt is null");
            requireNonNull(queuedTimeout, "queuedTimeout is null");
            requireNonNull(concurrentBuildLimit, "concurrentBuildLimit is null");
        }

        Instant deadline()
        {
            return queuedAt.plus(queuedTimeout);
        }
    }

    /**
     * A build leaves the queue to run.
     *
     * @param control the build's control, registered before the launch so that a stop can never miss it
     * @param waited every reason the build waited for, in the order they first applied
     */
    record Launch(QueuedBuild build, BuildControl control, Instant at, List<WaitReason> waited)
    {
    }

    /** What the scheduler's decisions are carried out by. Called on the dispatcher thread; should return quickly. */
    interface Launcher
    {
        /** Starts running the build; a failure must end the build and call {@link BuildScheduler#finished}. */
        void launch(Launch launch);

        /** The build's queued timeout passed; it never ran. */
        void expire(QueuedBuild build, Instant now, List<WaitReason> waited);

        /** A queued build's reason to wait changed (empty: it waits for nothing in particular, e.g. just queued). */
        void waitReasonChanged(String buildId, Optional<WaitReason> reason);
    }

    /** What {@link #stop} did. */
    enum StopOutcome
    {
        /** The build was queued; it left the queue and never runs. */
        REMOVED_FROM_QUEUE,
        /** The build runs; its control was asked to stop. */
        STOPPING,
        /** The scheduler does not know the build (it has ended, or it never was queued here). */
        UNKNOWN,
    }

    private record Running(String project, String executor, BuildControl control)
    {
    }

    private static final Comparator<QueuedBuild> QUEUE_ORDER = Comparator.comparingInt(QueuedBuild::priority).reversed()
            .thenComparingLong(QueuedBuild::seq);

    private final Supplier<Map<String, ExecutorState>> executors;
    private final Launcher launcher;
    private final int maxRunning;
    private final Clock clock;

    private final Object lock = new Object();
    private final Map<String, TreeSet<QueuedBuild>> queues = new LinkedHashMap<>();
    private final Map<String, QueuedBuild> queued = new HashMap<>();
    private final Map<String, WaitReason> reasons = new HashMap<>();
    private final Map<String, LinkedHashMap<String, WaitReason>> waited = new HashMap<>();
    private final Map<String, Running> running = new HashMap<>();
    private final Map<String, Integer> runningByProject = new HashMap<>();
    private final Map<String, Integer> runningByExecutor = new HashMap<>();
    private final Map<String, Long> lastServed = new HashMap<>();
    private long served;
    private boolean dispatching = true;

    private final Object signal = new Object();
    private boolean signalled;
    private boolean closed;
    private volatile Instant nextDeadline = Instant.MAX;
    private Thread dispatcher;

    BuildScheduler(Supplier<Map<String, ExecutorState>> executors, Launcher launcher, int maxRunning, Clock clock)
    {
        this.executors = requireNonNull(executors, "executors is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.maxRunning = maxRunning;
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Starts the dispatcher thread. */
    void start()
    {
        synchronized (signal) {
            if (dispatcher != null) {
                return;
            }
            dispatcher = new Thread(this::dispatchLoop, "build-scheduler");
            dispatcher.setDaemon(true);
            dispatcher.start();
        }
        wake();
    }

    /** Adds a build to the queue. */
    void enqueue(QueuedBuild build)
    {
        synchronized (lock) {
            if (queued.containsKey(build.id()) || running.containsKey(build.id())) {
                return;
            }
            queued.put(build.id(), build);
            queues.computeIfAbsent(build.project(), project -> new TreeSet<>(QUEUE_ORDER)).add(build);
        }
        wake();
    }

    /** Takes a queued build out of the queue, or asks a running one to stop. */
    StopOutcome stop(String buildId, String message)
    {
        BuildControl control;
        synchronized (lock) {
            QueuedBuild build = queued.remove(buildId);
            if (build != null) {
                removeFromQueue(build);
                reasons.remove(buildId);
                waited.remove(buildId);
                return StopOutcome.REMOVED_FROM_QUEUE;
            }
            Running entry = running.get(buildId);
            if (entry == null) {
                return StopOutcome.UNKNOWN;
            }
            control = entry.control();
        }
        control.stop(message);
        return StopOutcome.STOPPING;
    }

    /** A launched build has ended (or could not be launched): its slot is free again. */
    void finished(String buildId)
    {
        synchronized (lock) {
            Running entry = running.remove(buildId);
            if (entry == null) {
                return;
            }
            runningByProject.merge(entry.project(), -1, Integer::sum);
            runningByExecutor.merge(entry.executor(), -1, Integer::sum);
        }
        wake();
    }

    /** Something changed that may let a queued build run. Returns at once. */
    void wake()
    {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    /** No more builds are launched (the server is stopping); queued builds stay queued. */
    void stopDispatching()
    {
        synchronized (lock) {
            dispatching = false;
        }
    }

    /** @return the controls of the builds that run, by id */
    Map<String, BuildControl> runningControls()
    {
        synchronized (lock) {
            Map<String, BuildControl> controls = new LinkedHashMap<>();
            running.forEach((id, entry) -> controls.put(id, entry.control()));
            return controls;
        }
    }

    /** @return the ids of the queued builds */
    Set<String> queuedIds()
    {
        synchronized (lock) {
            return Set.copyOf(queued.keySet());
        }
    }

    /** @return what a queued build waits for now */
    Optional<WaitReason> waitReason(String buildId)
    {
        synchronized (lock) {
            return Optional.ofNullable(reasons.get(buildId));
        }
    }

    @Override
    public void close()
    {
        Thread thread;
        synchronized (signal) {
            closed = true;
            signal.notifyAll();
            thread = dispatcher;
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(10_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void dispatchLoop()
    {
        while (true) {
            synchronized (signal) {
                try {
                    while (!signalled && !closed) {
                        Instant deadline = nextDeadline;
                        if (deadline.equals(Instant.MAX)) {
                            signal.wait();
                            continue;
                        }
                        long untilDeadline = Duration.between(clock.instant(), deadline).toMillis();
                        if (untilDeadline <= 0) {
                            break;
                        }
                        signal.wait(untilDeadline);
                    }
                }
                catch (InterruptedException e) {
                    return;
                }
                if (closed) {
                    return;
                }
                signalled = false;
            }
            try {
                pass();
            }
            catch (RuntimeException | Error e) {
                log.error("The build scheduler failed in a pass; it carries on at the next change", e);
            }
        }
    }

    /**
     * One round of decisions: expire, launch what can run, update the wait reasons. Called by the dispatcher thread;
     * tests call it directly instead of starting the thread.
     */
    void pass()
    {
        synchronized (lock) {
            if (!dispatching) {
                return;
            }
        }
        // Asked outside the lock: enqueue and stop never wait for a plugin.
        Map<String, ExecutorState> states = executors.get();

        Instant now = clock.instant();
        List<Map.Entry<QueuedBuild, List<WaitReason>>> expired = new ArrayList<>();
        List<Launch> launches = new ArrayList<>();
        Map<String, Optional<WaitReason>> changedReasons = new LinkedHashMap<>();
        synchronized (lock) {
            if (!dispatching) {
                return;
            }
            for (QueuedBuild build : List.copyOf(queued.values())) {
                if (!build.deadline().isAfter(now)) {
                    queued.remove(build.id());
                    removeFromQueue(build);
                    reasons.remove(build.id());
                    LinkedHashMap<String, WaitReason> seen = waited.remove(build.id());
                    expired.add(Map.entry(build, seen == null ? List.of() : List.copyOf(seen.values())));
                }
            }
            Map<String, WaitReason> computed = new HashMap<>();
            while (true) {
                computed.clear();
                QueuedBuild best = null;
                for (Map.Entry<String, TreeSet<QueuedBuild>> entry : queues.entrySet()) {
                    QueuedBuild candidate = candidate(entry.getKey(), entry.getValue(), states, computed);
                    if (candidate != null && (best == null || isBefore(candidate, best))) {
                        best = candidate;
                    }
                }
                if (best == null) {
                    break;
                }
                launches.add(dispatch(best, now));
            }
            for (QueuedBuild build : queued.values()) {
                WaitReason reason = computed.get(build.id());
                if (reason != null) {
                    waited.computeIfAbsent(build.id(), id -> new LinkedHashMap<>()).putIfAbsent(reason.code(), reason);
                }
                WaitReason previous = reason == null ? reasons.remove(build.id()) : reasons.put(build.id(), reason);
                if (!java.util.Objects.equals(previous, reason)) {
                    changedReasons.put(build.id(), Optional.ofNullable(reason));
                }
            }
            nextDeadline = queued.values().stream().map(QueuedBuild::deadline).min(Comparator.naturalOrder()).orElse(Instant.MAX);
        }

        for (Map.Entry<QueuedBuild, List<WaitReason>> build : expired) {
            try {
                launcher.expire(build.getKey(), now, build.getValue());
            }
            catch (RuntimeException e) {
                log.error("Cannot end build {} after its queued timeout", build.getKey().id(), e);
            }
        }
        for (Launch launch : launches) {
            try {
                launcher.launch(launch);
            }
            catch (RuntimeException e) {
                log.error("Cannot launch build {}", launch.build().id(), e);
                finished(launch.build().id());
            }
        }
        changedReasons.forEach((id, reason) -> {
            try {
                launcher.waitReasonChanged(id, reason);
            }
            catch (RuntimeException e) {
                log.warn("Cannot record why build {} waits: {}", id, e.toString());
            }
        });
    }

    /** @return the first build of a project's queue that can run now, recording why the ones before it cannot */
    private QueuedBuild candidate(String project, TreeSet<QueuedBuild> queue, Map<String, ExecutorState> states, Map<String, WaitReason> computed)
    {
        OptionalInt limit = queue.stream().max(Comparator.comparingLong(QueuedBuild::seq)).map(QueuedBuild::concurrentBuildLimit).orElse(OptionalInt.empty());
        int projectRunning = runningByProject.getOrDefault(project, 0);
        if (limit.isPresent() && projectRunning >= limit.getAsInt()) {
            WaitReason reason = new WaitReason(WaitReason.CONCURRENT_BUILD_LIMIT, "waiting for a running build of project '" + project
                    + "' to end (concurrent build limit " + limit.getAsInt() + ", " + projectRunning + " running)");
            queue.forEach(build -> computed.put(build.id(), reason));
            return null;
        }
        int total = running.size();
        for (QueuedBuild build : queue) {
            ExecutorState state = states.getOrDefault(build.executor(), ExecutorState.unavailable("executor '" + build.executor() + "' is not configured"));
            int busy = runningByExecutor.getOrDefault(build.executor(), 0);
            if (!state.available()) {
                computed.put(build.id(), new WaitReason(WaitReason.EXECUTOR_UNAVAILABLE, state.reason().orElse("executor '" + build.executor() + "' is unavailable")));
            }
            else if (busy >= state.slots()) {
                computed.put(build.id(), new WaitReason(WaitReason.EXECUTOR_BUSY, "waiting for a free slot on executor '" + build.executor() + "' ("
                        + busy + " of " + state.slots() + " busy)"));
            }
            else if (total >= maxRunning) {
                computed.put(build.id(), new WaitReason(WaitReason.SERVER_BUSY, "waiting for a free build thread on the server (" + total + " of "
                        + maxRunning + " busy; builds.max-running-builds)"));
            }
            else {
                return build;
            }
        }
        return null;
    }

    /** Higher priority first; then the project with fewer running builds, then the one served longest ago; then FIFO. */
    private boolean isBefore(QueuedBuild a, QueuedBuild b)
    {
        if (a.priority() != b.priority()) {
            return a.priority() > b.priority();
        }
        int runningA = runningByProject.getOrDefault(a.project(), 0);
        int runningB = runningByProject.getOrDefault(b.project(), 0);
        if (runningA != runningB) {
            return runningA < runningB;
        }
        long servedA = lastServed.getOrDefault(a.project(), 0L);
        long servedB = lastServed.getOrDefault(b.project(), 0L);
        if (servedA != servedB) {
            return servedA < servedB;
        }
        return a.seq() < b.seq();
    }

    private Launch dispatch(QueuedBuild build, Instant now)
    {
        queued.remove(build.id());
        removeFromQueue(build);
        reasons.remove(build.id());
        LinkedHashMap<String, WaitReason> seen = waited.remove(build.id());
        BuildControl control = new BuildControl();
        running.put(build.id(), new Running(build.project(), build.executor(), control));
        runningByProject.merge(build.project(), 1, Integer::sum);
        runningByExecutor.merge(build.executor(), 1, Integer::sum);
        lastServed.put(build.project(), ++served);
        return new Launch(build, control, now, seen == null ? List.of() : List.copyOf(seen.values()));
    }

    private void removeFromQueue(QueuedBuild build)
    {
        TreeSet<QueuedBuild> queue = queues.get(build.project());
        if (queue != null) {
            queue.remove(build);
            if (queue.isEmpty()) {
                queues.remove(build.project());
            }
        }
    }
}
