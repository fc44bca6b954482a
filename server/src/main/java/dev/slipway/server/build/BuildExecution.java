package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.api.notification.EventType;
import dev.slipway.server.build.BuildJson.ContextJson;
import dev.slipway.server.build.BuildScheduler.Launch;
import dev.slipway.server.build.BuildScheduler.QueuedBuild;
import dev.slipway.server.build.BuildScheduler.WaitReason;
import dev.slipway.server.build.engine.BuildControl;
import dev.slipway.server.build.engine.BuildEngine;
import dev.slipway.server.build.engine.BuildJob;
import dev.slipway.server.build.engine.BuildPhaseType;
import dev.slipway.server.build.engine.BuildResult;
import dev.slipway.server.build.engine.BuildStatus;
import dev.slipway.server.build.engine.StatusContext;
import dev.slipway.server.build.log.BuildLogStore;
import dev.slipway.server.build.log.BuildLogWriter;
import dev.slipway.server.config.BuildsConfig;
import dev.slipway.server.event.EventBus;
import dev.slipway.server.plugin.ExtensionRegistry;

/**
 * Runs the queue: owns the {@link BuildScheduler}, the build threads and the {@link BuildStateWriter}, and carries out
 * what the scheduler decides.
 *
 * <p>Starting (after the database and the plugins): every build the database says is running was interrupted by the
 * end of the previous server process; it is marked FAULT with the context "server restarted while the build was
 * running", its open phase ends FAULT, and its log gets a last line and is completed. Every queued build is queued
 * again, in its old order, with its old queued time (so its queued timeout still counts from when it was started).
 *
 * <p>Stopping (after the HTTP server, before the plugins): no build is launched any more; queued builds stay queued in
 * the database and run after the next start. Running builds get {@code builds.shutdown-grace-period} to end; then they
 * are stopped (STOPPED, "the server is shutting down"), their logs completed.
 *
 * <p>Thread-safe.
 */
@Singleton
final class BuildExecution
        extends AbstractIdleService
        implements BuildScheduler.Launcher
{
    private static final Logger log = LoggerFactory.getLogger(BuildExecution.class);
    static final String RESTARTED = "server restarted while the build was running";
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final BuildsConfig config;
    private final BuildRepository repository;
    private final BuildLogStore logs;
    private final BuildJobs jobs;
    private final ExecutorCatalog executors;
    private final ExtensionRegistry registry;
    private final EventBus bus;
    private final BuildEngine engine;
    private final Clock clock;
    private final BuildScheduler scheduler;
    private final BuildStateWriter writer;
    private final ThreadPoolExecutor threads;
    private final Object activity = new Object();
    private int active;
    private final Map<String, CompletableFuture<Void>> completions = new ConcurrentHashMap<>();
    /** The stored rows of queued builds, so that a launch need not read them back. */
    private final Map<String, BuildRecord> queuedRecords = new ConcurrentHashMap<>();
    /** The batch identifiers of the queued and running children of batches. */
    private final Map<String, String> batchIdentifiers = new ConcurrentHashMap<>();
    /** What the batches wait for: the results of their children. */
    private final Map<String, CompletableFuture<BuildResult>> results = new ConcurrentHashMap<>();
    private final BatchRepository batches;

    @Inject
    BuildExecution(BuildsConfig config, BuildRepository repository, BuildLogStore logs, BuildJobs jobs, ExecutorCatalog executors, ExtensionRegistry registry,
            EventBus bus, BuildEngine engine, BatchRepository batches)
    {
        this.batches = requireNonNull(batches, "batches is null");
        this.config = requireNonNull(config, "config is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.executors = requireNonNull(executors, "executors is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.bus = requireNonNull(bus, "bus is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.clock = Clock.systemUTC();
        this.scheduler = new BuildScheduler(executors::states, this, config.maxRunningBuilds(), clock);
        this.writer = new BuildStateWriter(repository.jdbi());
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(config.maxRunningBuilds(), config.maxRunningBuilds(), 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "build-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.threads.allowCoreThreadTimeOut(true);
    }

    @Override
    protected void startUp()
            throws IOException
    {
        Files.createDirectories(config.workspaceDirectory());
        int queued = 0;
        int interrupted = 0;
        List<BuildRecord> active = repository.active();
        Map<String, BatchRecord.Child> children = batches.membership(active.stream().filter(BuildRecord::isQueued).map(BuildRecord::id).toList());
        for (BuildRecord build : active) {
            if (children.containsKey(build.id())) {
                // The batch that would wait for it ended with the previous process (BatchService marks it FAILED): the
                // child must not run on its own.
                String message = "The server restarted while the build's batch " + children.get(build.id()).batchId() + " ran; the batch ended, so the "
                        + "build was removed from the queue and never ran";
                endQueued(build.id(), build.project(), BuildStatus.STOPPED, List.of(new ContextJson("SERVER_RESTARTED", message)), message);
                interrupted++;
            }
            else if (build.isQueued()) {
                queuedRecords.put(build.id(), build);
                scheduler.enqueue(queued(build));
                queued++;
            }
            else {
                recoverInterrupted(build);
                interrupted++;
            }
        }
        registry.addChangeListener(scheduler::wake);
        scheduler.start();
        log.info("Builds: {} queued, {} marked FAULT after a restart; executors {}", queued, interrupted, executors.states());
    }

    @Override
    protected void shutDown()
    {
        scheduler.stopDispatching();
        Duration grace = config.shutdownGracePeriod();
        if (!awaitIdle(grace)) {
            Map<String, BuildControl> running = scheduler.runningControls();
            log.info("Stopping {} builds still running after the grace period of {}", running.size(), grace);
            running.values().forEach(control -> control.stop("The server is shutting down: the build was stopped after the grace period of "
                    + grace.toSeconds() + "s"));
            if (!awaitIdle(STOP_WAIT)) {
                log.warn("Builds {} did not end within {} of being stopped", scheduler.runningControls().keySet(), STOP_WAIT);
            }
        }
        scheduler.close();
        threads.shutdown();
        writer.close();
    }

    @Override
    protected String serviceName()
    {
        return "build execution";
    }

    // ---------------------------------------------------------------- what the build service asks

    /** Queues a build that was just written to the database. */
    void submit(BuildRecord build)
    {
        queuedRecords.put(build.id(), build);
        scheduler.enqueue(queued(build));
    }

    /**
     * Queues a child build of a batch that was just written to the database.
     *
     * @return completes with what the build did when it has ended (a build that never ran has no phases)
     */
    CompletableFuture<BuildResult> submitChild(BuildRecord build, String identifier)
    {
        CompletableFuture<BuildResult> result = new CompletableFuture<>();
        results.put(build.id(), result);
        batchIdentifiers.put(build.id(), identifier);
        submit(build);
        return result;
    }

    /**
     * Stops a queued or running build. A queued build ends STOPPED at once (it never ran); a running one is asked to
     * stop and ends STOPPED shortly after.
     *
     * @return false if the build is neither queued nor running here
     */
    boolean stop(String buildId, String message)
    {
        return switch (scheduler.stop(buildId, message)) {
            case REMOVED_FROM_QUEUE -> {
                queuedRecords.remove(buildId);
                repository.find(buildId).ifPresent(build -> endQueued(build.id(), build.project(), BuildStatus.STOPPED,
                        List.of(new ContextJson(StatusContext.BUILD_STOPPED, message + " while it was queued; it never ran")),
                        message + " while it was queued; it never ran"));
                yield true;
            }
            case STOPPING -> true;
            case UNKNOWN -> false;
        };
    }

    /** Waits until a launched build has ended and its end is recorded, at most {@code timeout}; returns at once for others. */
    void awaitEnded(String buildId, Duration timeout)
    {
        CompletableFuture<Void> completion = completions.get(buildId);
        if (completion == null) {
            return;
        }
        try {
            completion.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException e) {
            log.debug("Build {} did not end within {}", buildId, timeout);
        }
    }

    /** @return what a queued build waits for now, if the scheduler knows */
    Optional<WaitReason> waitReason(String buildId)
    {
        return scheduler.waitReason(buildId);
    }

    // ---------------------------------------------------------------- what the scheduler decides

    @Override
    public void launch(Launch launch)
    {
        QueuedBuild build = launch.build();
        bus.publish(new BuildEvent(UUID.randomUUID().toString(), EventType.BUILD_PHASE_SUCCESS.id(), launch.at(), build.id(), build.project(),
                BuildRecord.IN_PROGRESS, BuildPhaseType.PROVISIONING.name(), BuildPhaseType.QUEUED.name(), BuildStatus.SUCCEEDED.name()));
        synchronized (activity) {
            active++;
        }
        completions.put(build.id(), new CompletableFuture<>());
        try {
            threads.execute(() -> run(launch));
        }
        catch (RuntimeException e) {
            completions.remove(build.id());
            synchronized (activity) {
                active--;
                activity.notifyAll();
            }
            throw e;
        }
    }

    @Override
    public void expire(QueuedBuild build, Instant now, List<WaitReason> waited)
    {
        long minutes = build.queuedTimeout().toMinutes();
        queuedRecords.remove(build.id());
        String message = "The build was not started within its queued timeout of " + minutes + " minutes and was removed from the queue; it never ran";
        List<ContextJson> contexts = new ArrayList<>();
        waited.forEach(reason -> contexts.add(new ContextJson(reason.code(), reason.message())));
        contexts.add(new ContextJson(StatusContext.BUILD_TIMED_OUT, message));
        endQueued(build.id(), build.project(), BuildStatus.TIMED_OUT, contexts, message);
    }

    @Override
    public void waitReasonChanged(String buildId, Optional<WaitReason> reason)
    {
        writer.submit("why build " + buildId + " waits", handle -> repository.waitReason(handle, buildId, reason.map(WaitReason::message)));
    }

    // ---------------------------------------------------------------- running

    private void run(Launch launch)
    {
        String id = launch.build().id();
        BuildLogWriter logWriter = null;
        Path workspace = null;
        BuildRecord build = null;
        BuildResult engineResult = null;
        Optional<BuildEvent> ended = Optional.empty();
        try {
            // Until this is committed the build is queued in the database, and a crash would queue it again: it must be
            // committed before the build does anything. Preparing the workspace and an (empty) log meanwhile is harmless.
            List<ContextJson> waited = launch.waited().stream().map(reason -> new ContextJson(reason.code(), reason.message())).toList();
            CompletableFuture<Void> started = writer.submit("the start of build " + id,
                    handle -> repository.started(handle, id, launch.at(), BuildPhaseType.PROVISIONING, waited));
            BuildRecord known = queuedRecords.remove(id);
            build = known != null ? known
                    : repository.find(id).orElseThrow(() -> new IllegalStateException("Build " + id + " was launched but is not in the database"));
            workspace = workspace(build);
            logWriter = logs.open(id);
            started.join();
            BuildRecorder recorder = new BuildRecorder(build, logWriter, writer, repository, bus, executors.describe(build.executor()));
            Duration waitedFor = Duration.between(build.queuedAt(), launch.at());
            recorder.message("Build " + id + " (#" + build.number() + " of project " + build.project() + ") started by " + build.initiator()
                    + " runs on executor '" + build.executor() + "' after " + describe(waitedFor) + " in the queue"
                    + (launch.waited().isEmpty() ? "" : " (" + launch.waited().stream().map(WaitReason::message).collect(Collectors.joining("; ")) + ")"));
            BuildJob job = jobs.job(build, workspace);
            String identifier = batchIdentifiers.get(id);
            if (identifier != null) {
                job = job.toBuilder().batchBuildIdentifier(identifier).build();
            }
            engineResult = engine.run(job, recorder, launch.control());
            // The final state is being committed by the state writer; completing the log (which syncs it to disk) meanwhile
            // overlaps the two writes. Both are done before anybody is told that the build ended.
            completeQuietly(logWriter, id);
            logWriter = null;
            var result = recorder.awaitRecorded();
            ended = Optional.of(stateEvent(build, result.status(), result.endTime()));
        }
        catch (IOException | RuntimeException | Error e) {
            log.error("Build {} failed outside its phases", id, e);
            ended = faultOutside(id, build, logWriter, e);
        }
        finally {
            if (logWriter != null) {
                completeQuietly(logWriter, id);
            }
            ended.ifPresent(bus::publish);
            if (engineResult != null) {
                childEnded(id, engineResult);
            }
            else {
                long number = build == null ? 1 : build.number();
                childEnded(id, nothing(id, number, BuildStatus.FAULT));
            }
            CompletableFuture<Void> completion = completions.remove(id);
            if (completion != null) {
                completion.complete(null);
            }
            scheduler.finished(id);
            if (workspace != null && !config.keepWorkspaces()) {
                deleteTree(workspace);
            }
            synchronized (activity) {
                active--;
                activity.notifyAll();
            }
        }
    }

    /** The system failed around the engine (the database, the log store): the build ends FAULT in its current phase. */
    private Optional<BuildEvent> faultOutside(String id, BuildRecord build, BuildLogWriter logWriter, Throwable failure)
    {
        if (build == null) {
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String message = "Slipway failed while running the build: " + failure;
        if (logWriter != null) {
            try {
                logWriter.line("[Container] " + message);
            }
            catch (RuntimeException e) {
                log.debug("Cannot write to the log of {}", id, e);
            }
        }
        try {
            writer.submit("the fault of build " + id, handle -> {
                repository.phaseEnded(handle, id, BuildPhaseType.FINALIZING, Optional.of(BuildStatus.FAULT.name()), now,
                        List.of(new ContextJson(StatusContext.INTERNAL_ERROR, message)));
                repository.phaseEnded(handle, id, BuildPhaseType.COMPLETED, Optional.empty(), now, List.of());
                repository.finished(handle, id, BuildStatus.FAULT.name(), now, Optional.empty(), BuildOutcome.NOTHING);
            }).join();
        }
        catch (RuntimeException e) {
            log.error("Cannot record the fault of build {}", id, e);
        }
        return Optional.of(stateEvent(build, BuildStatus.FAULT, now));
    }

    private Path workspace(BuildRecord build)
            throws IOException
    {
        String uuid = build.id().substring(build.project().length() + 1);
        Path workspace = config.workspaceDirectory().resolve(build.project()).resolve(uuid);
        if (Files.exists(workspace)) {
            deleteTree(workspace);
        }
        return Files.createDirectories(workspace);
    }

    /** Waits until no build runs, at most {@code timeout}. */
    boolean awaitIdle(Duration timeout)
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (activity) {
            while (active > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(activity, left);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    // ---------------------------------------------------------------- builds that never ran, and recovery

    /** Ends a build that never left the queue (stopped or expired): its QUEUED phase, its state, its log, its event. */
    private void endQueued(String id, String project, BuildStatus status, List<ContextJson> contexts, String logMessage)
    {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        writer.submit("the end of queued build " + id, handle -> {
            repository.phaseEnded(handle, id, BuildPhaseType.QUEUED, Optional.of(status.name()), now, contexts);
            repository.phaseEnded(handle, id, BuildPhaseType.COMPLETED, Optional.empty(), now, List.of());
            repository.finished(handle, id, status.name(), now, Optional.empty(), BuildOutcome.NOTHING);
        }).join();
        appendAndComplete(id, logMessage);
        bus.publish(new BuildEvent(UUID.randomUUID().toString(), stateType(status).id(), now, id, project, status.name(), BuildPhaseType.COMPLETED.name(),
                null, null));
        childEnded(id, nothing(id, repository.find(id).map(BuildRecord::number).orElse(1L), status));
    }

    /** Tells the batch that waits for the build (if any) that it ended. */
    private void childEnded(String id, BuildResult result)
    {
        batchIdentifiers.remove(id);
        CompletableFuture<BuildResult> waiting = results.remove(id);
        if (waiting != null) {
            waiting.complete(result);
        }
    }

    /** The result of a build that ended outside the engine (stopped or expired in the queue, a fault around it). */
    private BuildResult nothing(String id, long number, BuildStatus status)
    {
        Instant now = clock.instant();
        return new BuildResult(id, number, status, now, now, List.of(), Map.of(), List.of(), Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    private void recoverInterrupted(BuildRecord build)
    {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<PhaseRow> phases = repository.phases(build.id());
        BuildPhaseType open = phases.stream().filter(phase -> phase.end().isEmpty() && phase.type() != BuildPhaseType.COMPLETED)
                .map(PhaseRow::type).max(Comparator.naturalOrder())
                .orElse(BuildPhaseType.valueOf(build.currentPhase()));
        List<ContextJson> context = List.of(new ContextJson("SERVER_RESTARTED", RESTARTED));
        writer.submit("the recovery of build " + build.id(), handle -> {
            for (PhaseRow phase : phases) {
                if (phase.end().isEmpty() && phase.type() != open && phase.type() != BuildPhaseType.COMPLETED) {
                    repository.phaseEnded(handle, build.id(), phase.type(), Optional.of(BuildStatus.FAULT.name()), now, List.of());
                }
            }
            repository.phaseEnded(handle, build.id(), open, Optional.of(BuildStatus.FAULT.name()), now, context);
            repository.phaseEnded(handle, build.id(), BuildPhaseType.COMPLETED, Optional.empty(), now, List.of());
            repository.finished(handle, build.id(), BuildStatus.FAULT.name(), now, Optional.empty(), BuildOutcome.NOTHING);
        }).join();
        appendAndComplete(build.id(), "[Container] " + BuildRecorder.containerTime(now) + " The " + RESTARTED + " (in phase " + open
                + "); the build is marked FAULT");
        String uuid = build.id().substring(build.project().length() + 1);
        Path workspace = config.workspaceDirectory().resolve(build.project()).resolve(uuid);
        if (!config.keepWorkspaces()) {
            deleteTree(workspace);
        }
        bus.publish(stateEvent(build, BuildStatus.FAULT, now));
        log.info("Build {} was running when the server stopped; marked FAULT", build.id());
    }

    private void appendAndComplete(String id, String line)
    {
        try (BuildLogWriter writer = logs.open(id)) {
            writer.line(line);
            writer.complete();
        }
        catch (IOException | RuntimeException e) {
            log.error("Cannot complete the log of build {}: {}", id, e.toString(), e);
        }
    }

    private static void completeQuietly(BuildLogWriter logWriter, String id)
    {
        try {
            logWriter.complete();
        }
        catch (RuntimeException e) {
            log.error("Cannot complete the log of build {}", id, e);
        }
        logWriter.close();
    }

    private static QueuedBuild queued(BuildRecord build)
    {
        Integer limit = build.definition().concurrentBuildLimit();
        return new QueuedBuild(build.id(), build.seq(), build.project(), build.executor(), build.priority(), build.queuedAt(),
                Duration.ofMinutes(build.queuedTimeoutMinutes()), limit == null ? OptionalInt.empty() : OptionalInt.of(limit));
    }

    static BuildEvent stateEvent(BuildRecord build, BuildStatus status, Instant time)
    {
        return new BuildEvent(UUID.randomUUID().toString(), stateType(status).id(), time, build.id(), build.project(), status.name(),
                BuildPhaseType.COMPLETED.name(), null, null);
    }

    static EventType stateType(BuildStatus status)
    {
        return switch (status) {
            case SUCCEEDED -> EventType.BUILD_STATE_SUCCEEDED;
            case FAILED, FAULT, TIMED_OUT -> EventType.BUILD_STATE_FAILED;
            case STOPPED -> EventType.BUILD_STATE_STOPPED;
        };
    }

    private static String describe(Duration duration)
    {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static void deleteTree(Path root)
    {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
        catch (NoSuchFileException e) {
            // Nothing to delete.
        }
        catch (IOException | RuntimeException e) {
            log.warn("Cannot delete workspace {}: {}", root, e.toString());
        }
    }
}
