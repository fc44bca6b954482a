package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.notification.EventType;
import dev.slipway.server.build.BatchJson.BatchPhaseJson;
import dev.slipway.server.build.BatchJson.BuildGroupJson;
import dev.slipway.server.build.BuildJson.ArtifactJson;
import dev.slipway.server.build.BuildJson.ContextJson;
import dev.slipway.server.build.batch.BatchJob;
import dev.slipway.server.build.batch.BatchListener;
import dev.slipway.server.build.batch.BatchPhaseType;
import dev.slipway.server.build.batch.BatchResult;
import dev.slipway.server.build.batch.BatchRunner;
import dev.slipway.server.build.engine.ArtifactOutcome;
import dev.slipway.server.build.engine.ArtifactSettings;
import dev.slipway.server.build.engine.BuildControl;
import dev.slipway.server.build.engine.BuildJob;
import dev.slipway.server.build.engine.BuildPhaseType;
import dev.slipway.server.build.engine.BuildResult;
import dev.slipway.server.build.engine.BuildStatus;
import dev.slipway.server.build.engine.BuildspecLocation;
import dev.slipway.server.build.engine.BuildspecParsing;
import dev.slipway.server.build.engine.EnvironmentSettings;
import dev.slipway.server.build.engine.StatusContext;
import dev.slipway.server.buildspec.BuildspecParser;
import dev.slipway.server.config.BuildsConfig;
import dev.slipway.server.event.EventBus;
import dev.slipway.server.http.PageCursor;
import dev.slipway.server.project.ProjectJson;
import dev.slipway.server.project.ProjectJson.VariableJson;
import dev.slipway.server.project.ProjectService;

/**
 * Batch builds (CodeBuild's StartBuildBatch): a batch reads the buildspec's {@code batch} section and runs its tasks
 * with {@link BatchRunner}, each child a normal build of the project (queued, scheduled, logged, in the builds API)
 * linked to the batch with its identifier. The batch and its phases are rows in the database from the start call on.
 *
 * <p>Restart: a batch the database says is running was interrupted by the end of the previous process; it ends
 * FAILED with the context "server restarted while the batch was running", its running children are FAULT (as every
 * running build) and its queued children leave the queue STOPPED (see {@link BuildExecution}). Stopping the server
 * stops the running batches.
 *
 * <p>Thread-safe. Each batch runs on a thread of its own, which waits for its children.
 */
@Singleton
final class BatchService
        extends AbstractIdleService
{
    private static final Logger log = LoggerFactory.getLogger(BatchService.class);
    static final String RESTARTED = "server restarted while the batch was running";
    static final List<String> RETRY_TYPES = List.of("RETRY_ALL_BUILDS", "RETRY_FAILED_BUILDS");
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

    private final BatchRepository batches;
    private final BuildRepository builds;
    private final ProjectService projects;
    private final BuildExecution execution;
    private final BuildJobs jobs;
    private final BuildsConfig config;
    private final EventBus bus;
    private final Clock clock = Clock.systemUTC();
    private final BuildspecParsing parser = BuildspecParsing.of(new BuildspecParser());
    private final ExecutorService threads;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    private record Running(BuildControl control, CompletableFuture<Void> ended)
    {
    }

    @Inject
    BatchService(BatchRepository batches, BuildRepository builds, ProjectService projects, BuildExecution execution, BuildJobs jobs, BuildsConfig config,
            EventBus bus)
    {
        this.batches = requireNonNull(batches, "batches is null");
        this.builds = requireNonNull(builds, "builds is null");
        this.projects = requireNonNull(projects, "projects is null");
        this.execution = requireNonNull(execution, "execution is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.config = requireNonNull(config, "config is null");
        this.bus = requireNonNull(bus, "bus is null");
        AtomicInteger count = new AtomicInteger();
        // Batch threads only wait (for the batchspec's source, for children): the build threads do the work.
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "batch-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    protected void startUp()
    {
        for (BatchRecord batch : batches.active()) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            List<BatchPhaseJson> phases = new ArrayList<>();
            for (BatchPhaseJson phase : batch.phases()) {
                phases.add(phase.endTime() != null ? phase : new BatchPhaseJson(phase.type(), "FAILED", phase.startTime(), now,
                        Duration.between(phase.startTime(), now).toMillis(), List.of(new ContextJson("SERVER_RESTARTED", RESTARTED))));
            }
            phases.add(new BatchPhaseJson(BatchPhaseType.FAILED.name(), null, now, now, 0L, List.of()));
            List<BatchRecord.Group> groups = new ArrayList<>();
            latest(batches.children(batch.id())).values().forEach(child -> groups.add(new BatchRecord.Group(child.identifier(), false, child.buildId(),
                    null, null, null)));
            batches.finished(batch.id(), BatchPhaseType.FAILED.name(), now, phases, new BatchRecord.Outcome(groups, null));
            log.info("Batch {} was running when the server stopped; marked FAILED", batch.id());
        }
    }

    @Override
    protected void shutDown()
    {
        running.values().forEach(batch -> batch.control().stop("The server is shutting down"));
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Running batch : List.copyOf(running.values())) {
            try {
                batch.ended().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            catch (ExecutionException | TimeoutException e) {
                log.warn("A batch did not end within {} of the server's stop", STOP_WAIT);
            }
        }
        threads.shutdown();
    }

    @Override
    protected String serviceName()
    {
        return "batch builds";
    }

    // ---------------------------------------------------------------- the API

    /**
     * Starts a batch build of a project.
     *
     * @param request may be null (no body)
     * @throws SlipwayException NOT_FOUND for an unknown project; INVALID_ARGUMENT naming each invalid field
     */
    BatchJson start(String projectName, StartBatchRequest request, String initiator)
    {
        StartBatchRequest body = request == null ? StartBatchRequest.EMPTY : request;
        StartBuildRequest checked = BuildService.check(body.build(), "Invalid batch start request: ");
        ProjectJson project = projects.get(projectName);
        BuildService.checkSourceVersion(project, checked, "Invalid batch start request: ");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = projectName + ":" + UUID.randomUUID();
        builds.ensureCounter(projectName);
        BatchRecord batch = builds.jdbi().inTransaction(handle -> {
            builds.lockCounter(handle, projectName).orElseThrow(() -> ProjectService.notFound(projectName));
            long number = batches.nextNumber(handle, projectName);
            BatchRecord record = new BatchRecord(id, 0, projectName, number, BuildRecord.IN_PROGRESS, BatchPhaseType.SUBMITTED.name(), initiator,
                    Boolean.TRUE.equals(body.combineArtifacts()), 0, now, Optional.empty(), project, checked, List.of(open(BatchPhaseType.SUBMITTED, now)),
                    Optional.empty());
            batches.insert(handle, record);
            return record;
        });
        log.info("Batch {} (#{}) of project '{}' started by {}", id, batch.number(), projectName, initiator);
        launch(batch, Map.of());
        return get(id);
    }

    /** @throws SlipwayException NOT_FOUND */
    BatchJson get(String id)
    {
        return json(find(id));
    }

    /**
     * @param project NOT_FOUND if it does not exist
     * @throws SlipwayException INVALID_ARGUMENT for a bad limit or cursor
     */
    BatchListJson list(Optional<String> project, String limit, String cursor)
    {
        int pageSize = PageCursor.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        Optional<Long> before = PageCursor.decode(cursor).map(position -> {
            try {
                return Long.parseLong(position);
            }
            catch (NumberFormatException e) {
                throw PageCursor.invalid(cursor);
            }
        });
        project.ifPresent(projects::get);
        List<BatchRecord> page = batches.list(project, before, pageSize + 1);
        boolean more = page.size() > pageSize;
        List<BatchRecord> shown = more ? page.subList(0, pageSize) : page;
        return new BatchListJson(shown.stream().map(this::json).toList(), more ? PageCursor.encode(Long.toString(shown.get(shown.size() - 1).seq())) : null);
    }

    /**
     * Stops a running batch: no more children start, the running ones stop; the batch ends STOPPED. The answer waits
     * up to 10 seconds for that.
     *
     * @throws SlipwayException NOT_FOUND; CONFLICT if the batch has ended
     */
    BatchJson stop(String id, String caller)
    {
        BatchRecord batch = find(id);
        Running run = running.get(id);
        if (!batch.isActive() || run == null) {
            throw new SlipwayException(ErrorCode.CONFLICT, "Batch " + id + " has already ended (" + find(id).status() + "); only a running batch can be "
                    + "stopped");
        }
        run.control().stop("The batch was stopped by " + caller);
        try {
            run.ended().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException e) {
            log.debug("Batch {} did not end within {}", id, STOP_WAIT);
        }
        return get(id);
    }

    /**
     * Runs an ended batch again, as the same batch: {@code RETRY_ALL_BUILDS} runs every task again,
     * {@code RETRY_FAILED_BUILDS} only the tasks whose build did not succeed (the others keep their builds).
     *
     * @param retryType null for RETRY_ALL_BUILDS
     * @throws SlipwayException NOT_FOUND; INVALID_ARGUMENT for an unknown retry type; CONFLICT while the batch runs
     */
    BatchJson retry(String id, String retryType, String caller)
    {
        String type = retryType == null ? RETRY_TYPES.get(0) : retryType;
        if (!RETRY_TYPES.contains(type)) {
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT, "retryType: must be one of " + RETRY_TYPES + ", was '" + retryType + "'",
                    List.of("retryType: must be one of " + RETRY_TYPES));
        }
        BatchRecord batch = find(id);
        if (batch.isActive()) {
            throw new SlipwayException(ErrorCode.CONFLICT, "Batch " + id + " is still running (phase " + batch.currentPhase() + "); a batch can be retried "
                    + "once it has ended. Stop it first (POST /api/v1/build-batches/" + id + "/stop)");
        }
        projects.get(batch.project());
        Map<String, BuildResult> carried = new LinkedHashMap<>();
        if (type.equals("RETRY_FAILED_BUILDS")) {
            for (BatchRecord.Group group : batch.outcome().map(BatchRecord.Outcome::groups).orElse(List.of())) {
                if (group.buildId() == null) {
                    continue;
                }
                builds.find(group.buildId()).filter(build -> build.status().equals(BuildStatus.SUCCEEDED.name()))
                        .ifPresent(build -> carried.put(group.identifier(), succeeded(build, group.primaryArtifact())));
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<BatchPhaseJson> phases = List.of(open(BatchPhaseType.SUBMITTED, now));
        if (!batches.restarted(id, batch.retryCount() + 1, phases)) {
            throw new SlipwayException(ErrorCode.CONFLICT, "Batch " + id + " was retried by somebody else meanwhile; it runs again");
        }
        log.info("Batch {} retried by {} ({}; {} builds kept)", id, caller, type, carried.size());
        launch(find(id), carried);
        return get(id);
    }

    // ---------------------------------------------------------------- running

    private void launch(BatchRecord batch, Map<String, BuildResult> carried)
    {
        Running run = new Running(new BuildControl(), new CompletableFuture<>());
        running.put(batch.id(), run);
        try {
            threads.execute(() -> {
                try {
                    runBatch(batch, carried, run.control());
                }
                finally {
                    running.remove(batch.id());
                    run.ended().complete(null);
                }
            });
        }
        catch (RuntimeException e) {
            running.remove(batch.id());
            throw e;
        }
    }

    private void runBatch(BatchRecord batch, Map<String, BuildResult> carried, BuildControl control)
    {
        String id = batch.id();
        List<BatchPhaseJson> phases = new ArrayList<>(batch.phases());
        try {
            BuildJob parent = jobs.job(parentRecord(batch), config.workspaceDirectory().resolve(batch.project()).resolve(uuid(batch.id(), batch.project())));
            BatchJob job = new BatchJob(id, parent, Integer.MAX_VALUE, identifier -> allocate(batch.project()), batch.combineArtifacts());
            BatchRunner runner = new BatchRunner((child, listener, childControl) -> runChild(batch, parent, child, childControl), parser, threads, clock);
            BatchResult result = runner.run(job, carried, new BatchListener()
            {
                @Override
                public void phaseChanged(BatchPhaseType phase)
                {
                    if (phase == BatchPhaseType.SUBMITTED || isFinal(phase)) {
                        return;
                    }
                    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                    closeOpen(phases, now);
                    phases.add(open(phase, now));
                    batches.phases(id, phase.name(), phases);
                }

                @Override
                public void message(String message)
                {
                    log.info("Batch {}: {}", id, message);
                }
            }, control);
            finish(batch, result);
        }
        catch (RuntimeException | Error e) {
            log.error("Batch {} failed outside its phases", id, e);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            List<BatchPhaseJson> ended = new ArrayList<>();
            for (BatchPhaseJson phase : phases) {
                ended.add(phase.endTime() != null ? phase : new BatchPhaseJson(phase.type(), "FAILED", phase.startTime(), now,
                        Duration.between(phase.startTime(), now).toMillis(), List.of(new ContextJson(StatusContext.INTERNAL_ERROR,
                        "Slipway failed while running the batch: " + e))));
            }
            ended.add(new BatchPhaseJson(BatchPhaseType.FAILED.name(), null, now, now, 0L, List.of()));
            try {
                batches.finished(id, BatchPhaseType.FAILED.name(), now, ended, new BatchRecord.Outcome(List.of(), null));
            }
            catch (RuntimeException f) {
                log.error("Cannot record the failure of batch {}", id, f);
            }
        }
    }

    private void finish(BatchRecord batch, BatchResult result)
    {
        boolean childrenFine = result.children().stream().allMatch(child -> child.succeeded() || child.ignoreFailure());
        List<BatchPhaseJson> phases = new ArrayList<>();
        for (BatchResult.Phase phase : result.phases()) {
            List<ContextJson> contexts = phase.contexts().stream().map(context -> new ContextJson(context.statusCode(), context.message())).toList();
            String status;
            if (isFinal(phase.type())) {
                status = null;
            }
            else if (!contexts.isEmpty()) {
                status = result.status() == BatchPhaseType.STOPPED ? "STOPPED" : "FAILED";
            }
            else if (phase.type() == BatchPhaseType.IN_PROGRESS && !childrenFine) {
                status = result.status() == BatchPhaseType.STOPPED ? "STOPPED" : "FAILED";
            }
            else {
                status = "SUCCEEDED";
            }
            Instant start = phase.startTime().truncatedTo(ChronoUnit.MILLIS);
            Instant end = phase.endTime().truncatedTo(ChronoUnit.MILLIS);
            phases.add(new BatchPhaseJson(phase.type().name(), status, start, end, Duration.between(start, end).toMillis(), contexts));
        }
        List<BatchRecord.Group> groups = new ArrayList<>();
        for (BatchResult.Child child : result.children()) {
            groups.add(new BatchRecord.Group(child.identifier(), child.ignoreFailure(), child.build().map(BuildResult::buildId).orElse(null),
                    child.build().map(build -> build.status().name()).orElse(null), child.notRunReason().orElse(null),
                    child.build().flatMap(build -> build.artifacts().stream().filter(artifact -> artifact.identifier().isEmpty()).findFirst())
                            .map(BatchService::stored).orElse(null)));
        }
        ArtifactJson combined = result.combinedArtifact().map(artifact -> new ArtifactJson(null, artifact.location(), artifact.sha256().orElse(null),
                artifact.size(), artifact.name())).orElse(null);
        batches.finished(batch.id(), result.status().name(), clock.instant().truncatedTo(ChronoUnit.MILLIS), phases, new BatchRecord.Outcome(groups, combined));
        log.info("Batch {} ended {}", batch.id(), result.status());
    }

    /** Gives a child the project's next build number (the build row is written when it starts, see {@link #runChild}). */
    private BatchJob.Slot allocate(String project)
    {
        builds.ensureCounter(project);
        long number = builds.jdbi().inTransaction(handle -> {
            long last = builds.lockCounter(handle, project).orElseThrow(() -> ProjectService.notFound(project));
            builds.setCounter(handle, project, last + 1);
            return last + 1;
        });
        String uuid = UUID.randomUUID().toString();
        return new BatchJob.Slot(project + ":" + uuid, number, config.workspaceDirectory().resolve(project).resolve(uuid));
    }

    /** Queues the child as a build of its own, linked to the batch, and waits for it to end. */
    private BuildResult runChild(BatchRecord batch, BuildJob parent, BuildJob child, BuildControl control)
    {
        String identifier = child.batchBuildIdentifier().orElseThrow(() -> new IllegalStateException("Child " + child.buildId() + " has no identifier"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ProjectJson definition = batch.definition();
        ProjectJson.EnvironmentJson environment = definition.environment();
        EnvironmentSettings settings = child.environment();
        ProjectJson.BuildspecJson buildspec = definition.buildspec();
        StartBuildRequest request = batch.request();
        String buildspecOverride = request.buildspecOverride();
        if (!child.buildspec().equals(parent.buildspec()) && child.buildspec() instanceof BuildspecLocation.InSource inSource) {
            // The task names a buildspec file of its own: it replaces the batch's, inline or not.
            buildspec = new ProjectJson.BuildspecJson(inSource.path(), null);
            buildspecOverride = null;
        }
        ProjectJson childDefinition = new ProjectJson(definition.name(), definition.description(), definition.source(), buildspec,
                new ProjectJson.EnvironmentJson(environment.executor(), settings.image().orElse(null), settings.computeType(), settings.privileged(),
                        environment.variables(), environment.runtimes()),
                definition.artifacts(), definition.cache(), definition.timeoutInMinutes(), definition.queuedTimeoutInMinutes(), definition.concurrentBuildLimit(),
                definition.serviceRole(), definition.badgeEnabled(), definition.createdAt(), definition.updatedAt(), definition.version());
        List<VariableJson> variables = child.overrideVariables().stream().map(variable -> new VariableJson(variable.name(), variable.value(),
                variable.type().name())).toList();
        StartBuildRequest childRequest = new StartBuildRequest(request.sourceVersion(), variables.isEmpty() ? null : variables, buildspecOverride,
                request.timeoutInMinutesOverride(), request.queuedTimeoutInMinutesOverride(), request.priority(), null);
        BuildRecord record = new BuildRecord(child.buildId(), 0, batch.project(), child.buildNumber(), BuildRecord.IN_PROGRESS, BuildPhaseType.QUEUED.name(),
                batch.initiator(), Optional.empty(), Optional.ofNullable(request.priority()).orElse(0), Optional.ofNullable(request.sourceVersion()),
                Optional.empty(), environment.executor(), now, Optional.empty(), Optional.empty(), Optional.empty(), timeout(batch),
                queuedTimeout(batch), childDefinition, childRequest, Optional.empty());
        long seq = builds.jdbi().inTransaction(handle -> {
            long inserted = builds.insert(handle, record, BuildService.queuedPhases(now));
            batches.link(handle, record.id(), batch.id(), identifier);
            return inserted;
        });
        BuildRecord stored = BuildService.withSeq(record, seq);
        bus.publish(new BuildEvent(UUID.randomUUID().toString(), EventType.BUILD_STATE_IN_PROGRESS.id(), now, record.id(), batch.project(),
                BuildRecord.IN_PROGRESS, BuildPhaseType.QUEUED.name(), null, null));
        CompletableFuture<BuildResult> result = execution.submitChild(stored, identifier);
        log.info("Build {} (#{}) of project '{}' queued as {} of batch {}", record.id(), record.number(), batch.project(), identifier, batch.id());
        control.onStop(() -> execution.stop(record.id(), control.stopMessage().orElse("The build's batch stopped it")));
        return result.join();
    }

    private int timeout(BatchRecord batch)
    {
        return Optional.ofNullable(batch.request().timeoutInMinutesOverride()).orElse(batch.definition().timeoutInMinutes());
    }

    private int queuedTimeout(BatchRecord batch)
    {
        return Optional.ofNullable(batch.request().queuedTimeoutInMinutesOverride()).orElse(batch.definition().queuedTimeoutInMinutes());
    }

    /** The batch as a build: the template of its children's jobs (the engine never runs it). */
    private BuildRecord parentRecord(BatchRecord batch)
    {
        StartBuildRequest request = batch.request();
        return new BuildRecord(batch.id(), batch.seq(), batch.project(), batch.number(), BuildRecord.IN_PROGRESS, BuildPhaseType.QUEUED.name(),
                batch.initiator(), Optional.empty(), Optional.ofNullable(request.priority()).orElse(0), Optional.ofNullable(request.sourceVersion()),
                Optional.empty(), batch.definition().environment().executor(), batch.startTime(), Optional.empty(), Optional.empty(), Optional.empty(),
                timeout(batch), queuedTimeout(batch), batch.definition(), request, Optional.empty());
    }

    // ---------------------------------------------------------------- helpers

    private BatchRecord find(String id)
    {
        return batches.find(id).orElseThrow(() -> new SlipwayException(ErrorCode.NOT_FOUND, "Batch '" + id + "' does not exist; batch ids look like "
                + "<project>:<uuid>, and GET /api/v1/build-batches lists them"));
    }

    private BatchJson json(BatchRecord batch)
    {
        List<BatchRecord.Child> children = batches.children(batch.id());
        Map<String, String> statuses = new LinkedHashMap<>();
        children.forEach(child -> statuses.put(child.buildId(), child.status()));
        List<BuildGroupJson> groups = batch.outcome().filter(outcome -> !batch.isActive())
                .map(outcome -> outcome.groups().stream().map(group -> new BuildGroupJson(group.identifier(), group.ignoreFailure(), group.buildId(),
                        group.buildId() == null ? null : statuses.getOrDefault(group.buildId(), group.buildStatus()), group.notRunReason())).toList())
                .orElseGet(() -> latest(children).values().stream().map(child -> new BuildGroupJson(child.identifier(), false, child.buildId(),
                        child.status(), null)).toList());
        BatchRecord.Outcome outcome = batch.outcome().orElse(null);
        return new BatchJson(batch.id(), "arn:aws:codebuild:local:000000000000:build-batch/" + batch.id(), batch.number(), batch.project(), batch.status(),
                batch.currentPhase(), batch.initiator(), batch.request().sourceVersion(), batch.combineArtifacts(), batch.retryCount(), batch.startTime(),
                batch.endTime().orElse(null), batch.phases(), groups, children.stream().map(BatchRecord.Child::buildId).toList(),
                outcome == null || batch.isActive() ? null : outcome.combinedArtifact());
    }

    /** @return each identifier's newest child */
    private static Map<String, BatchRecord.Child> latest(List<BatchRecord.Child> children)
    {
        Map<String, BatchRecord.Child> latest = new LinkedHashMap<>();
        children.forEach(child -> latest.put(child.identifier(), child));
        return latest;
    }

    private static BatchPhaseJson open(BatchPhaseType type, Instant now)
    {
        return new BatchPhaseJson(type.name(), BuildRecord.IN_PROGRESS, now, null, null, List.of());
    }

    private static void closeOpen(List<BatchPhaseJson> phases, Instant now)
    {
        for (int i = 0; i < phases.size(); i++) {
            BatchPhaseJson phase = phases.get(i);
            if (phase.endTime() == null) {
                phases.set(i, new BatchPhaseJson(phase.type(), "SUCCEEDED", phase.startTime(), now, Duration.between(phase.startTime(), now).toMillis(),
                        phase.contexts()));
            }
        }
    }

    private static boolean isFinal(BatchPhaseType type)
    {
        return type == BatchPhaseType.SUCCEEDED || type == BatchPhaseType.FAILED || type == BatchPhaseType.STOPPED;
    }

    private static String uuid(String id, String project)
    {
        return id.substring(project.length() + 1);
    }

    private static BatchRecord.StoredArtifact stored(ArtifactOutcome artifact)
    {
        return new BatchRecord.StoredArtifact(artifact.name(), artifact.packaging().name(), artifact.key(), artifact.location(), artifact.size(),
                artifact.fileCount(), artifact.sha256().orElse(null));
    }

    /** An earlier child that succeeded, as the batch runner counts it after a retry of the failed builds. */
    private static BuildResult succeeded(BuildRecord build, BatchRecord.StoredArtifact artifact)
    {
        List<ArtifactOutcome> artifacts = artifact == null ? List.of() : List.of(new ArtifactOutcome(Optional.empty(), artifact.name(),
                ArtifactSettings.Packaging.valueOf(artifact.packaging()), artifact.key(), artifact.location(), artifact.size(), artifact.fileCount(),
                Optional.ofNullable(artifact.sha256())));
        Instant start = build.startTime().orElse(build.queuedAt());
        return new BuildResult(build.id(), build.number(), BuildStatus.SUCCEEDED, start, build.endTime().orElse(start), List.of(), Map.of(), artifacts,
                Optional.empty(), List.of(), build.resolvedSourceVersion(), Optional.empty());
    }

}
