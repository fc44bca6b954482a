package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.notification.EventType;
import dev.slipway.server.build.BuildJson.ContextJson;
import dev.slipway.server.build.BuildJson.LogsJson;
import dev.slipway.server.build.BuildJson.PhaseJson;
import dev.slipway.server.build.engine.BuildEngineSettings;
import dev.slipway.server.build.engine.BuildPhaseType;
import dev.slipway.server.build.engine.BuildStatus;
import dev.slipway.server.build.log.BuildLogStore;
import dev.slipway.server.build.log.LogInfo;
import dev.slipway.server.event.EventBus;
import dev.slipway.server.http.JsonMappers;
import dev.slipway.server.http.PageCursor;
import dev.slipway.server.project.ProjectJson;
import dev.slipway.server.project.ProjectService;

/**
 * Builds: start (with overrides and an idempotency token), stop, retry, read and list. A started build is a row in the
 * database, queued, before {@link #start} returns; {@link BuildExecution} runs it.
 *
 * <p>Thread-safe.
 */
@Singleton
public final class BuildService
{
    private static final Logger log = LoggerFactory.getLogger(BuildService.class);
    private static final ObjectMapper JSON = JsonMappers.api();
    private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(12);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;
    static final List<String> STATUSES = List.of("SUCCEEDED", "FAILED", "FAULT", "TIMED_OUT", "IN_PROGRESS", "STOPPED");

    private final BuildRepository repository;
    private final ProjectService projects;
    private final BuildExecution execution;
    private final BuildLogStore logs;
    private final EventBus bus;
    private final BatchRepository batches;
    private final Clock clock;

    @Inject
    BuildService(BuildRepository repository, ProjectService projects, BuildExecution execution, BuildLogStore logs, EventBus bus, BatchRepository batches)
    {
        this.batches = requireNonNull(batches, "batches is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.projects = requireNonNull(projects, "projects is null");
        this.execution = requireNonNull(execution, "execution is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.bus = requireNonNull(bus, "bus is null");
        this.clock = Clock.systemUTC();
    }

    /**
     * What {@link #start} did.
     *
     * @param created false when an idempotency token returned the build it started before
     */
    public record Started(BuildJson build, boolean created)
    {
    }

    /** @throws SlipwayException INVALID_ARGUMENT for a sourceVersion on a project whose source (none) has no versions */
    static void checkSourceVersion(ProjectJson project, StartBuildRequest request, String prefix)
    {
        if (request.sourceVersion() != null && "none".equals(project.source().type())) {
            String problem = "sourceVersion: project '" + project.name() + "' has no source (source type none), so there is no version to choose; "
                    + "leave sourceVersion out";
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT, prefix + problem, List.of(problem));
        }
    }

    /**
     * Starts a build of a project: validates the request, gives the build the project's next number and queues it.
     *
     * @param request may be null (no body)
     * @param initiator who starts it ({@code CODEBUILD_INITIATOR})
     * @throws SlipwayException NOT_FOUND for an unknown project; INVALID_ARGUMENT naming each invalid field; CONFLICT for
     *         an idempotency token used within 12 hours with a different request
     */
    public Started start(String projectName, StartBuildRequest request, String initiator)
    {
        StartBuildRequest checked = check(request == null ? StartBuildRequest.EMPTY : request);
        return start(projectName, checked, initiator, Optional.empty());
    }

    private Started start(String projectName, StartBuildRequest request, String initiator, Optional<String> retryOf)
    {
        ProjectJson project = projects.get(projectName);
        checkSourceVersion(project, request, "Invalid start request: ");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = projectName + ":" + UUID.randomUUID();
        Optional<String> token = Optional.ofNullable(request.idempotencyToken());
        String hash = hash(projectName, request.withoutToken());
        int timeout = Optional.ofNullable(request.timeoutInMinutesOverride()).orElse(project.timeoutInMinutes());
        int queuedTimeout = Optional.ofNullable(request.queuedTimeoutInMinutesOverride()).orElse(project.queuedTimeoutInMinutes());
        try {
            repository.ensureCounter(projectName);
        }
        catch (RuntimeException e) {
            projects.get(projectName);
            throw e;
        }
        Object outcome;
        try {
            outcome = repository.jdbi().inTransaction(handle -> {
                long last = repository.lockCounter(handle, projectName).orElseThrow(() -> ProjectService.notFound(projectName));
                if (token.isPresent()) {
                    Optional<Map.Entry<String, String>> used = repository.idempotency(handle, projectName, token.get(), now.minus(IDEMPOTENCY_WINDOW));
                    if (used.isPresent()) {
                        if (!used.get().getValue().equals(hash)) {
                            throw new SlipwayException(ErrorCode.CONFLICT, "Idempotency token '" + token.get() + "' started build " + used.get().getKey()
                                    + " with a different request within the last 12 hours; use a new token for a different request");
                        }
                        return used.get().getKey();
                    }
                }
                long number = last + 1;
                repository.setCounter(handle, projectName, number);
                BuildRecord build = new BuildRecord(id, 0, projectName, number, BuildRecord.IN_PROGRESS, BuildPhaseType.QUEUED.name(), initiator, retryOf,
                        Optional.ofNullable(request.priority()).orElse(0), Optional.ofNullable(request.sourceVersion()), Optional.empty(),
                        project.environment().executor(), now, Optional.empty(), Optional.empty(), Optional.empty(), timeout, queuedTimeout, project,
                        request.withoutToken(), Optional.empty());
                long seq = repository.insert(handle, build, queuedPhases(now));
                token.ifPresent(value -> repository.saveIdempotency(handle, projectName, value, hash, id, now));
                return withSeq(build, seq);
            });
        }
        catch (UnableToExecuteStatementException e) {
            projects.get(projectName);
            throw e;
        }
        if (outcome instanceof String existing) {
            log.info("Idempotency token of project '{}' returned build {}", projectName, existing);
            return new Started(get(existing), false);
        }
        BuildRecord build = (BuildRecord) outcome;
        // Published before the build is queued, so that it comes before any event of the build's run.
        bus.publish(new BuildEvent(UUID.randomUUID().toString(), EventType.BUILD_STATE_IN_PROGRESS.id(), now, id, projectName, BuildRecord.IN_PROGRESS,
                BuildPhaseType.QUEUED.name(), null, null));
        execution.submit(build);
        log.info("Build {} (#{}) of project '{}' queued by {}", id, build.number(), projectName, initiator);
        return new Started(json(build, queuedPhases(now), Optional.empty()), true);
    }

    /** @throws SlipwayException NOT_FOUND */
    public BuildJson get(String id)
    {
        BuildRecord build = find(id);
        return json(build, repository.phases(id), Optional.ofNullable(batches.membership(List.of(id)).get(id)));
    }

    /**
     * Lists builds, newest first.
     *
     * @param project a project (from the path or the {@code project} query parameter); NOT_FOUND if it does not exist
     * @param status one of SUCCEEDED, FAILED, FAULT, TIMED_OUT, IN_PROGRESS, STOPPED
     * @param since ISO-8601 instant: builds submitted at or after it
     * @param until ISO-8601 instant: builds submitted before it
     * @throws SlipwayException INVALID_ARGUMENT naming a bad filter, limit or cursor; NOT_FOUND for an unknown project
     */
    public BuildListJson list(Optional<String> project, String status, String initiator, String since, String until, String limit, String cursor)
    {
        List<String> problems = new ArrayList<>();
        Optional<String> statusFilter = Optional.ofNullable(status).filter(text -> !text.isBlank());
        if (statusFilter.isPresent() && !STATUSES.contains(statusFilter.get())) {
            problems.add("status: must be one of " + STATUSES + ", was '" + statusFilter.get() + "'");
        }
        Optional<Instant> sinceFilter = instant("since", since, problems);
        Optional<Instant> untilFilter = instant("until", until, problems);
        if (!problems.isEmpty()) {
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT, "Invalid filter: " + String.join("; ", problems), problems);
        }
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
        BuildFilter filter = new BuildFilter(project, statusFilter, Optional.ofNullable(initiator).filter(text -> !text.isBlank()), sinceFilter, untilFilter);
        List<BuildRecord> page = repository.list(filter, before, pageSize + 1);
        boolean more = page.size() > pageSize;
        List<BuildRecord> builds = more ? page.subList(0, pageSize) : page;
        Map<String, List<PhaseRow>> phases = repository.phases(builds.stream().map(BuildRecord::id).toList());
        Map<String, BatchRecord.Child> batchChildren = batches.membership(builds.stream().map(BuildRecord::id).toList());
        List<BuildJson> json = builds.stream()
                .map(build -> json(build, phases.getOrDefault(build.id(), List.of()), Optional.ofNullable(batchChildren.get(build.id())))).toList();
        return new BuildListJson(json, more ? PageCursor.encode(Long.toString(builds.get(builds.size() - 1).seq())) : null);
    }

    /**
     * Stops a queued build (it ends STOPPED at once, never having run) or a running one (it ends STOPPED within moments;
     * the answer waits up to 5 seconds for that).
     *
     * @throws SlipwayException NOT_FOUND; CONFLICT if the build has ended already
     */
    public BuildJson stop(String id, String caller)
    {
        BuildRecord build = find(id);
        if (!build.isActive()) {
            throw ended(build, "stopped");
        }
        boolean stopping = execution.stop(id, "Build was stopped by " + caller);
        if (!stopping) {
            BuildRecord now = find(id);
            if (!now.isActive()) {
                throw ended(now, "stopped");
            }
            throw new SlipwayException(ErrorCode.CONFLICT, "Build " + id + " is between the queue and its executor; stop it again in a moment");
        }
        execution.awaitEnded(id, STOP_WAIT);
        return get(id);
    }

    /**
     * Starts a new build with the settings, overrides and source version of an ended one (the revision it fetched, when
     * it got that far). The new build records {@code retryOf}.
     *
     * @throws SlipwayException NOT_FOUND (also if its project was deleted); CONFLICT if the build has not ended
     */
    public BuildJson retry(String id, String caller)
    {
        BuildRecord original = find(id);
        if (original.isActive()) {
            throw new SlipwayException(ErrorCode.CONFLICT, "Build " + id + " is still " + (original.isQueued() ? "queued" : "running (phase "
                    + original.currentPhase() + ")") + "; a build can be retried once it has ended. Stop it first (POST /api/v1/builds/" + id + "/stop)");
        }
        StartBuildRequest request = original.request().withSourceVersion(original.resolvedSourceVersion().or(original::sourceVersion).orElse(null));
        return start(original.project(), request, caller, Optional.of(id)).build();
    }

    /**
     * @param branch only builds of this source version
     * @return what the project's badge shows: its newest build's state
     * @throws SlipwayException NOT_FOUND unless the project exists and has badges enabled
     */
    public BadgeStatus badge(String projectName, Optional<String> branch)
    {
        ProjectJson project = projects.find(projectName).filter(ProjectJson::badgeEnabled).orElseThrow(() -> new SlipwayException(ErrorCode.NOT_FOUND,
                "Project '" + projectName + "' has no badge (it does not exist or its badge is not enabled)"));
        return repository.latest(project.name(), branch).map(build -> switch (build.status()) {
            case BuildRecord.IN_PROGRESS -> BadgeStatus.IN_PROGRESS;
            case "SUCCEEDED" -> BadgeStatus.PASSING;
            default -> BadgeStatus.FAILING;
        }).orElse(BadgeStatus.UNKNOWN);
    }

    /** What a badge shows (CodeBuild's badge statuses). */
    public enum BadgeStatus
    {
        PASSING,
        FAILING,
        IN_PROGRESS,
        UNKNOWN,
    }

    /**
     * The phase timings of the builds that started in a time range, for usage.
     *
     * @param since builds that started at or after it
     * @param until builds that started before it
     */
    public List<BuildTimings> timings(Optional<Instant> since, Optional<Instant> until, Optional<String> project)
    {
        return repository.started(since, until, project).stream()
                .map(entry -> new BuildTimings(entry.getKey().id(), entry.getKey().project(), entry.getKey().startTime().orElseThrow(),
                        entry.getValue().stream().map(phase -> new BuildTimings.PhaseTiming(phase.type().name(), phase.start(), phase.end())).toList()))
                .toList();
    }

    // ---------------------------------------------------------------- helpers

    private BuildRecord find(String id)
    {
        return repository.find(id).orElseThrow(() -> new SlipwayException(ErrorCode.NOT_FOUND, "Build '" + id + "' does not exist; build ids look like "
                + "<project>:<uuid>, and GET /api/v1/builds lists them"));
    }

    private static SlipwayException ended(BuildRecord build, String what)
    {
        return new SlipwayException(ErrorCode.CONFLICT, "Build " + build.id() + " has already ended (" + build.status()
                + build.endTime().map(end -> " at " + end).orElse("") + "); only queued or running builds can be " + what);
    }

    private static StartBuildRequest check(StartBuildRequest request)
    {
        return check(request, "Invalid start request: ");
    }

    /** @param prefix what the INVALID_ARGUMENT message starts with */
    static StartBuildRequest check(StartBuildRequest request, String prefix)
    {
        List<String> problems = new ArrayList<>();
        if (request.sourceVersion() != null && (request.sourceVersion().isBlank() || request.sourceVersion().length() > 1000)) {
            problems.add("sourceVersion: must be 1 to 1000 characters, or absent for the source's default");
        }
        var variables = ProjectService.checkVariables("environmentVariablesOverride", request.environmentVariablesOverride(), problems);
        if (request.buildspecOverride() != null) {
            problems.addAll(ProjectService.checkBuildspec("buildspecOverride", request.buildspecOverride()));
        }
        range("timeoutInMinutesOverride", request.timeoutInMinutesOverride(), 5, 2160, problems);
        range("queuedTimeoutInMinutesOverride", request.queuedTimeoutInMinutesOverride(), 5, 480, problems);
        range("priority", request.priority(), -1000, 1000, problems);
        if (request.idempotencyToken() != null && (request.idempotencyToken().isEmpty() || request.idempotencyToken().length() > 255)) {
            problems.add("idempotencyToken: must be 1 to 255 characters");
        }
        if (!problems.isEmpty()) {
            String summary = problems.size() == 1 ? problems.get(0) : problems.size() + " problems: " + String.join("; ", problems);
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT, prefix + summary, problems);
        }
        return new StartBuildRequest(request.sourceVersion(), variables.isEmpty() ? null : variables, request.buildspecOverride(),
                request.timeoutInMinutesOverride(), request.queuedTimeoutInMinutesOverride(), request.priority(), request.idempotencyToken());
    }

    private static void range(String field, Integer value, int minimum, int maximum, List<String> problems)
    {
        if (value != null && (value < minimum || value > maximum)) {
            problems.add(field + ": must be between " + minimum + " and " + maximum + ", was " + value);
        }
    }

    private static Optional<Instant> instant(String field, String text, List<String> problems)
    {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.trim()));
        }
        catch (DateTimeParseException e) {
            problems.add(field + ": must be an ISO-8601 instant such as 2026-11-26T13:00:00Z, was '" + text + "'");
            return Optional.empty();
        }
    }

    static List<PhaseRow> queuedPhases(Instant now)
    {
        return List.of(new PhaseRow(BuildPhaseType.SUBMITTED, Optional.of(BuildStatus.SUCCEEDED.name()), now, Optional.of(now), List.of()),
                new PhaseRow(BuildPhaseType.QUEUED, Optional.empty(), now, Optional.empty(), List.of()));
    }

    static BuildRecord withSeq(BuildRecord build, long seq)
    {
        return new BuildRecord(build.id(), seq, build.project(), build.number(), build.status(), build.currentPhase(), build.initiator(), build.retryOf(),
                build.priority(), build.sourceVersion(), build.resolvedSourceVersion(), build.executor(), build.queuedAt(), build.startTime(), build.endTime(),
                build.waitReason(), build.timeoutMinutes(), build.queuedTimeoutMinutes(), build.definition(), build.request(), build.outcome());
    }

    private static String hash(String project, StartBuildRequest request)
    {
        try {
            byte[] canonical = (project + "\n" + JSON.writeValueAsString(request)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        }
        catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash a start request", e);
        }
    }

    BuildJson json(BuildRecord build, List<PhaseRow> phases, Optional<BatchRecord.Child> batch)
    {
        ProjectJson.EnvironmentJson environment = build.definition().environment();
        BuildOutcome outcome = build.outcome().orElse(BuildOutcome.NOTHING);
        Optional<String> waitReason = build.isQueued()
                ? execution.waitReason(build.id()).map(BuildScheduler.WaitReason::message).or(build::waitReason)
                : Optional.empty();
        LogInfo log = logInfo(build.id());
        BuildEngineSettings engine = BuildEngineSettings.DEFAULT;
        return new BuildJson(
                build.id(),
                "arn:aws:codebuild:" + engine.arnRegion() + ":" + engine.accountId() + ":build/" + build.id(),
                build.number(),
                build.project(),
                build.status(),
                build.currentPhase(),
                build.initiator(),
                build.retryOf().orElse(null),
                build.priority(),
                build.sourceVersion().orElse(null),
                build.resolvedSourceVersion().orElse(null),
                build.queuedAt(),
                build.startTime().orElse(null),
                build.endTime().orElse(null),
                waitReason.orElse(null),
                phases.stream().map(BuildService::phase).toList(),
                new BuildJson.EnvironmentJson(environment.executor(), environment.image(), environment.computeType(), environment.privilegedMode()),
                outcome.exportedVariables(),
                outcome.artifacts(),
                outcome.reports(),
                outcome.cache(),
                new LogsJson(log.lines(), log.bytes(), "/api/v1/builds/" + build.id() + "/logs"),
                build.timeoutMinutes(),
                build.queuedTimeoutMinutes(),
                batch.map(BatchRecord.Child::batchId).orElse(null),
                batch.map(BatchRecord.Child::identifier).orElse(null));
    }

    private LogInfo logInfo(String id)
    {
        try {
            return logs.exists(id) ? logs.info(id) : new LogInfo(0, 0, false);
        }
        catch (SlipwayException e) {
            return new LogInfo(0, 0, false);
        }
    }

    private static PhaseJson phase(PhaseRow phase)
    {
        String status = phase.status().orElse(phase.end().isEmpty() && phase.type() != BuildPhaseType.COMPLETED ? BuildRecord.IN_PROGRESS : null);
        Long duration = phase.end().map(end -> Duration.between(phase.start(), end).toMillis()).orElse(null);
        List<ContextJson> contexts = phase.contexts();
        return new PhaseJson(phase.type().name(), status, phase.start(), phase.end().orElse(null), duration, contexts);
    }
}
