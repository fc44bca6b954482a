package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.slipway.api.notification.EventType;
import dev.slipway.server.build.BuildJson.ArtifactJson;
import dev.slipway.server.build.BuildJson.ArtifactsJson;
import dev.slipway.server.build.BuildJson.CacheJson;
import dev.slipway.server.build.BuildJson.ContextJson;
import dev.slipway.server.build.BuildJson.ExportedVariableJson;
import dev.slipway.server.build.BuildJson.ReportJson;
import dev.slipway.server.build.engine.ArtifactOutcome;
import dev.slipway.server.build.engine.BuildListener;
import dev.slipway.server.build.engine.BuildPhaseType;
import dev.slipway.server.build.engine.BuildReport;
import dev.slipway.server.build.engine.BuildResult;
import dev.slipway.server.build.engine.BuildStatus;
import dev.slipway.server.build.engine.CacheOutcome;
import dev.slipway.server.build.engine.PhaseRecord;
import dev.slipway.server.build.engine.StatusContext;
import dev.slipway.server.build.log.BuildLogWriter;
import dev.slipway.server.build.report.CoverageReport;
import dev.slipway.server.build.report.Report;
import dev.slipway.server.build.report.TestReport;
import dev.slipway.server.build.report.TestStatus;
import dev.slipway.server.event.EventBus;

/**
 * Follows one running build for the server: writes its log, records its phases and outcome (with the summaries of the
 * reports the engine parsed) in the database through the {@link BuildStateWriter}, and publishes its phase events. The engine calls it on the
 * build's thread, one call at a time.
 */
final class BuildRecorder
        implements BuildListener
{
    private static final Logger log = LoggerFactory.getLogger(BuildRecorder.class);
    /** CodeBuild's prefix of the lines its agent writes: {@code [Container] 2026/11/26 13:00:00.123456 Entering phase BUILD}. */
    private static final DateTimeFormatter CONTAINER_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final BuildRecord build;
    private final BuildLogWriter logWriter;
    private final BuildStateWriter writer;
    private final BuildRepository repository;
    private final EventBus bus;
    private final String executor;
    private volatile String currentPhase = BuildPhaseType.PROVISIONING.name();
    private volatile boolean logFailed;
    private CompletableFuture<Void> finalWrite;
    /** Guards the progress not yet handed to a write: the phase rows changed since, and the current phase if it changed. */
    private final Object progress = new Object();
    private final Map<BuildPhaseType, PhaseRow> unwrittenRows = new EnumMap<>(BuildPhaseType.class);
    private Optional<BuildPhaseType> unwrittenPhase = Optional.empty();
    private boolean progressQueued;
    private BuildResult result;

    /** @param executor the executor the build runs on, for messages: {@code executor 'local' (factory 'local')} */
    BuildRecorder(BuildRecord build, BuildLogWriter logWriter, BuildStateWriter writer, BuildRepository repository, EventBus bus, String executor)
    {
        this.executor = requireNonNull(executor, "executor is null");
        this.build = requireNonNull(build, "build is null");
        this.logWriter = requireNonNull(logWriter, "logWriter is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.bus = requireNonNull(bus, "bus is null");
    }

    /** Writes a line in the format of CodeBuild's own lines. */
    void message(String message)
    {
        line("[Container] " + containerTime(Instant.now()) + " " + message);
    }

    static String containerTime(Instant time)
    {
        return CONTAINER_TIME.format(time);
    }

    @Override
    public void phaseStarted(BuildPhaseType phase, Instant startTime)
    {
        // SUBMITTED and QUEUED are the service's: recorded when the build was queued and when it left the queue.
        if (phase == BuildPhaseType.SUBMITTED || phase == BuildPhaseType.QUEUED) {
            return;
        }
        currentPhase = phase.name();
        synchronized (progress) {
            unwrittenPhase = Optional.of(phase);
            unwrittenRows.put(phase, new PhaseRow(phase, Optional.empty(), startTime, Optional.empty(), List.of()));
            writeProgress();
        }
    }

    @Override
    public void phaseEnded(PhaseRecord phase)
    {
        boolean serviceOwned = phase.type() == BuildPhaseType.SUBMITTED || phase.type() == BuildPhaseType.QUEUED;
        if (serviceOwned && phase.status().orElse(BuildStatus.SUCCEEDED) == BuildStatus.SUCCEEDED) {
            return;
        }
        Optional<String> status = phase.status().map(Enum::name);
        List<ContextJson> contexts = new ArrayList<>(contexts(phase.contexts()));
        if (phase.type() == BuildPhaseType.PROVISIONING && phase.status().orElse(null) == BuildStatus.SUCCEEDED) {
            // Says where the provisioning time went, next to the QUEUED phase that says why the build waited.
            contexts.add(new ContextJson("EXECUTOR", "environment provisioned by " + executor + " in " + phase.duration().toMillis() + " ms"));
        }
        if (serviceOwned) {
            // The service wrote the row's start when the build was queued; only its end is the engine's.
            writer.submit("the end of phase " + phase.type() + " of build " + build.id(),
                    handle -> repository.phaseEnded(handle, build.id(), phase.type(), status, phase.endTime(), contexts));
        }
        else {
            synchronized (progress) {
                unwrittenRows.put(phase.type(), new PhaseRow(phase.type(), status, phase.startTime(), Optional.of(phase.endTime()), contexts));
                writeProgress();
            }
        }
        if (status.isPresent()) {
            EventType type = status.get().equals(BuildStatus.SUCCEEDED.name()) ? EventType.BUILD_PHASE_SUCCESS : EventType.BUILD_PHASE_FAILURE;
            bus.publish(new BuildEvent(UUID.randomUUID().toString(), type.id(), phase.endTime(), build.id(), build.project(), BuildRecord.IN_PROGRESS,
                    currentPhase, phase.type().name(), status.get()));
        }
    }

    @Override
    public void logLine(String line)
    {
        line(line);
    }

    @Override
    public void engineMessage(String message)
    {
        message(message);
    }

    @Override
    public void buildEnded(BuildResult ended)
    {
        this.result = ended;
        BuildOutcome outcome = outcome(ended);
        String status = ended.status().name();
        Instant end = ended.endTime();
        finalWrite = writer.submit("the end of build " + build.id(),
                handle -> repository.finished(handle, build.id(), status, end, ended.resolvedSourceVersion(), outcome));
    }

    /**
     * Queues one write of the progress not yet written, unless one is queued already: that one takes everything that
     * changed until it runs. A trivial build goes through ten phases in a few milliseconds; this writes them in a few
     * statements instead of forty, usually in the commit of the build's final state. Writes run in order, so the rows
     * are written before the final state. Called with {@code progress} held.
     */
    private void writeProgress()
    {
        if (progressQueued) {
            return;
        }
        progressQueued = true;
        writer.submitDeferrable("the progress of build " + build.id(), new Consumer<Handle>()
        {
            // Taken when the write first runs; kept, so that a retried write writes the same rows.
            private Optional<BuildPhaseType> phase;
            private List<PhaseRow> rows;

            @Override
            public void accept(Handle handle)
            {
                if (rows == null) {
                    synchronized (progress) {
                        phase = unwrittenPhase;
                        rows = List.copyOf(unwrittenRows.values());
                        unwrittenPhase = Optional.empty();
                        unwrittenRows.clear();
                        progressQueued = false;
                    }
                }
                repository.progress(handle, build.id(), phase, rows);
            }
        });
    }

    /**
     * Waits until the build's final state is committed.
     *
     * @return the engine's result
     */
    BuildResult awaitRecorded()
    {
        if (finalWrite == null || result == null) {
            throw new IllegalStateException("Build " + build.id() + " has not ended");
        }
        finalWrite.join();
        return result;
    }

    private BuildOutcome outcome(BuildResult ended)
    {
        List<ExportedVariableJson> exported = ended.exportedVariables().entrySet().stream()
                .map(entry -> new ExportedVariableJson(entry.getKey(), entry.getValue())).toList();
        ArtifactJson primary = null;
        List<ArtifactJson> secondary = new ArrayList<>();
        for (ArtifactOutcome artifact : ended.artifacts()) {
            ArtifactJson json = new ArtifactJson(artifact.identifier().orElse(null), artifact.location(), artifact.sha256().orElse(null), artifact.size(),
                    artifact.name());
            if (artifact.identifier().isEmpty()) {
                primary = json;
            }
            else {
                secondary.add(json);
            }
        }
        ArtifactsJson artifacts = primary == null && secondary.isEmpty() ? null : new ArtifactsJson(primary, secondary);
        CacheJson cache = ended.cache().map(BuildRecorder::cache).orElse(null);
        List<ReportJson> reports = ended.reports().stream().map(BuildRecorder::report).toList();
        return new BuildOutcome(exported, artifacts, reports, cache);
    }

    /** A report group's summary: test case counts, or line and branch coverage. */
    static ReportJson report(BuildReport built)
    {
        Report report = built.report();
        String group = built.files().reportGroupName();
        String format = report.format().name();
        if (report instanceof TestReport tests) {
            return new ReportJson(group, "TEST", format, tests.status().name(), tests.total(), tests.count(TestStatus.SUCCEEDED),
                    tests.count(TestStatus.FAILED) + tests.count(TestStatus.ERROR), tests.count(TestStatus.SKIPPED), null, null);
        }
        CoverageReport coverage = (CoverageReport) report;
        return new ReportJson(group, "CODE_COVERAGE", format, coverage.status().name(), 0, 0, 0, 0, percentage(coverage.lineCoverage()),
                percentage(coverage.branchCoverage()));
    }

    private static CacheJson cache(CacheOutcome cache)
    {
        boolean hit = cache.restore().map(CacheOutcome.Restore::hit).orElse(false);
        long size = hit ? cache.restore().get().size() : cache.save().map(CacheOutcome.Save::size).orElse(0L);
        return new CacheJson(cache.key().orElse(null), hit, cache.restore().flatMap(CacheOutcome.Restore::matchedKey).orElse(null), size);
    }

    static List<ContextJson> contexts(List<StatusContext> contexts)
    {
        return contexts.stream().map(context -> new ContextJson(context.statusCode(), context.message())).toList();
    }

    private static Double percentage(OptionalDouble value)
    {
        return value.isPresent() ? Math.round(value.getAsDouble() * 100.0) / 100.0 : null;
    }

    private void line(String text)
    {
        if (logFailed) {
            return;
        }
        try {
            logWriter.line(text);
        }
        catch (RuntimeException e) {
            logFailed = true;
            log.error("Cannot write the log of build {}; its further lines are lost: {}", build.id(), e.getMessage(), e);
        }
    }
}
