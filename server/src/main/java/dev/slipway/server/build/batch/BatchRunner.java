package dev.slipway.server.build.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import dev.slipway.api.executor.LogSink;
import dev.slipway.server.build.engine.ArtifactOutcome;
import dev.slipway.server.build.engine.ArtifactSettings;
import dev.slipway.server.build.engine.BuildControl;
import dev.slipway.server.build.engine.BuildEngine;
import dev.slipway.server.build.engine.BuildJob;
import dev.slipway.server.build.engine.BuildResult;
import dev.slipway.server.build.engine.BuildStatus;
import dev.slipway.server.build.engine.BuildspecLocation;
import dev.slipway.server.build.engine.BuildspecParsing;
import dev.slipway.server.build.engine.EnvironmentSettings;
import dev.slipway.server.build.engine.EnvironmentVariable;
import dev.slipway.server.build.engine.StatusContext;
import dev.slipway.server.buildspec.Buildspec;
import dev.slipway.server.buildspec.BuildspecParser;
import dev.slipway.server.buildspec.ParseResult;

import static java.util.Objects.requireNonNull;

/**
 * Runs batch builds ({@code batch:} in the buildspec): every child is a normal build run by the same
 * {@link BuildEngine}, with {@code CODEBUILD_BATCH_BUILD_IDENTIFIER} set to its identifier and its task's buildspec,
 * image, compute type, privileged mode and variables (task variables override the project's).
 * <ul>
 *   <li>build-list and build-fanout run every task at once (up to the concurrency limit); build-matrix one task per
 *       combination; build-graph a task once all its {@code depend-on} tasks ended, and never if one of them
 *       failed without {@code ignore-failure}.</li>
 *   <li>{@code fast-fail: true} stops the running children and starts no more once a child fails (unless it
 *       ignores failure).</li>
 *   <li>The batch FAILS if a child that does not ignore failure did not succeed or did not run; stopping the batch
 *       stops every child.</li>
 *   <li>COMBINE_ARTIFACTS: when the job combines artifacts, the children's primary artifacts become one
 *       ({@link CombinedArtifact}); a failure to combine fails the batch.</li>
 * </ul>
 * Children run on the {@code threads} given to the constructor (the build service's build threads); the batch
 * itself runs on the caller's thread and waits for them.
 */
public final class BatchRunner
{
    private final ChildRunner children;
    private final BuildspecParsing parser;
    private final Executor threads;
    private final Clock clock;

    /** Children run directly on the engine ({@code slipway run}, tests). */
    public BatchRunner(BuildEngine engine, BuildspecParsing parser, Executor threads, Clock clock)
    {
        this(requireNonNull(engine, "engine is null")::run, parser, threads, clock);
    }

    /** Children run through {@code children} (the build service queues each as a build of its own). */
    public BatchRunner(ChildRunner children, BuildspecParsing parser, Executor threads, Clock clock)
    {
        this.children = requireNonNull(children, "children is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.threads = requireNonNull(threads, "threads is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Runs one child build to its end. Called on one of the runner's threads, once per child; {@code control} is the
     * child's (a batch stop or fast-fail stops it). A child that fails is a result, not an exception.
     */
    @FunctionalInterface
    public interface ChildRunner
    {
        BuildResult run(BuildJob child, dev.slipway.server.build.engine.BuildListener listener, BuildControl control);
    }

    public BatchResult run(BatchJob job, BatchListener listener, BuildControl control)
    {
        return run(job, Map.of(), listener, control);
    }

    /**
     * Runs the batch again after a retry of its failed builds: the tasks in {@code carried} are not run again, their
     * earlier (succeeded) results count as theirs.
     */
    public BatchResult run(BatchJob job, Map<String, BuildResult> carried, BatchListener listener, BuildControl control)
    {
        requireNonNull(job, "job is null");
        requireNonNull(carried, "carried is null");
        requireNonNull(listener, "listener is null");
        requireNonNull(control, "control is null");
        return new Run(job, Map.copyOf(carried), listener, control).run();
    }

    private final class Run
    {
        private final BatchJob job;
        private final Map<String, BuildResult> carried;
        private final BatchListener listener;
        private final BuildControl control;
        private final List<BatchResult.Phase> phases = new ArrayList<>();
        private final Map<String, BatchResult.Child> finished = new LinkedHashMap<>();
        private final Map<String, BuildControl> running = new LinkedHashMap<>();
        private BatchPhaseType phase;
        private Instant phaseStart;
        private boolean halted;
        private String haltReason;

        Run(BatchJob job, Map<String, BuildResult> carried, BatchListener listener, BuildControl control)
        {
            this.job = job;
            this.carried = carried;
            this.listener = listener;
            this.control = control;
        }

        BatchResult run()
        {
            begin(BatchPhaseType.SUBMITTED);
            end(List.of());
            begin(BatchPhaseType.DOWNLOAD_BATCHSPEC);
            Buildspec buildspec;
            BatchPlan.Planned plan;
            try {
                buildspec = batchspec();
                if (buildspec.batch().isEmpty()) {
                    return failed(new StatusContext(StatusContext.YAML_FILE_ERROR, "The buildspec has no batch section"), List.of());
                }
                plan = BatchPlan.plan(buildspec.batch().get());
            }
            catch (BatchspecException e) {
                return failed(e.context, List.of());
            }
            catch (IOException | RuntimeException e) {
                return failed(new StatusContext(StatusContext.CLIENT_ERROR, String.valueOf(e.getMessage())), List.of());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(new StatusContext(StatusContext.BUILD_STOPPED, "The batch was stopped"), List.of());
            }
            if (plan.error().isPresent()) {
                return failed(new StatusContext(StatusContext.YAML_FILE_ERROR, plan.error().get()), List.of());
            }
            end(List.of());
            begin(BatchPhaseType.IN_PROGRESS);
            control.onStop(() -> halt("the batch was stopped"));
            runChildren(plan.tasks(), buildspec.batch().get().fastFail());
            end(List.of());
            List<BatchResult.Child> children = new ArrayList<>();
            for (Buildspec.BatchTask task : plan.tasks()) {
                children.add(finished.get(task.identifier()));
            }
            begin(BatchPhaseType.COMBINE_ARTIFACTS);
            Optional<ArtifactOutcome> combined = Optional.empty();
            List<StatusContext> combineFailure = List.of();
            try {
                combined = combineArtifacts(children);
            }
            catch (IOException | RuntimeException e) {
                combineFailure = List.of(new StatusContext(StatusContext.CLIENT_ERROR, "The artifacts could not be combined: " + e.getMessage()));
                listener.message(combineFailure.get(0).message());
            }
            end(combineFailure);
            BatchPhaseType status = control.isStopRequested() ? BatchPhaseType.STOPPED
                    : combineFailure.isEmpty() && children.stream().allMatch(child -> child.succeeded() || child.ignoreFailure()) ? BatchPhaseType.SUCCEEDED
                    : BatchPhaseType.FAILED;
            begin(status);
            end(List.of());
            return new BatchResult(job.batchId(), status, phases, children, combined);
        }

        private Optional<ArtifactOutcome> combineArtifacts(List<BatchResult.Child> children)
                throws IOException
        {
            ArtifactSettings artifacts = job.parent().artifacts();
            if (!job.combineArtifacts() || artifacts.store().isEmpty() || artifacts.primary().isEmpty()) {
                return Optional.empty();
            }
            List<CombinedArtifact.Part> parts = new ArrayList<>();
            for (BatchResult.Child child : children) {
                child.build().flatMap(build -> build.artifacts().stream().filter(artifact -> artifact.identifier().isEmpty()).findFirst())
                        .ifPresent(artifact -> parts.add(new CombinedArtifact.Part(child.identifier(), artifact)));
            }
            String prefix = artifacts.keyPrefix().orElse(job.parent().projectName()).replaceAll("^/+|/+$", "");
            Optional<ArtifactOutcome> combined = CombinedArtifact.combine(artifacts.store().get(), (prefix.isEmpty() ? "" : prefix + "/") + job.batchId(),
                    artifacts.primary().get(), job.batchId(), parts);
            combined.ifPresentOrElse(
                    artifact -> listener.message("Combined the artifacts of " + parts.size() + (parts.size() == 1 ? " build" : " builds") + " into " + artifact.key()),
                    () -> listener.message("No build of the batch produced an artifact to combine"));
            return combined;
        }

        private void runChildren(List<Buildspec.BatchTask> tasks, boolean fastFail)
        {
            List<Buildspec.BatchTask> pending = new ArrayList<>(tasks);
            synchronized (this) {
                while (!pending.isEmpty() || !running.isEmpty()) {
                    boolean progressed = false;
                    for (Buildspec.BatchTask task : List.copyOf(pending)) {
                        if (halted) {
                            notRun(task, haltReason);
                            pending.remove(task);
                            progressed = true;
                            continue;
                        }
                        BuildResult earlier = carried.get(task.identifier());
                        if (earlier != null) {
                            listener.message("Keeping " + task.identifier() + ": " + earlier.buildId() + " succeeded before the retry");
                            finished.put(task.identifier(), new BatchResult.Child(task.identifier(), task.ignoreFailure(), Optional.of(earlier), Optional.empty()));
                            pending.remove(task);
                            progressed = true;
                            continue;
                        }
                        Optional<String> blocked = blockedBy(task);
                        if (blocked.isPresent()) {
                            notRun(task, "its dependency " + blocked.get() + " did not succeed");
                            pending.remove(task);
                            progressed = true;
                            continue;
                        }
                        if (!task.dependOn().stream().allMatch(finished::containsKey) || running.size() >= job.maxConcurrentBuilds()) {
                            continue;
                        }
                        pending.remove(task);
                        progressed = true;
                        start(task, fastFail);
                    }
                    if (!progressed && !running.isEmpty()) {
                        try {
                            wait();
                        }
                        catch (InterruptedException e) {
                            control.stop("The batch's thread was interrupted");
                        }
                    }
                    else if (!progressed) {
                        // Nothing runs and nothing can start: only a dependency that never finishes could cause
                        // this, which the plan's cycle check rules out.
                        pending.forEach(task -> notRun(task, "its dependencies never finished"));
                        pending.clear();
                    }
                }
            }
        }

        private Optional<String> blockedBy(Buildspec.BatchTask task)
        {
            for (String dependency : task.dependOn()) {
                BatchResult.Child child = finished.get(dependency);
                if (child != null && !child.succeeded() && !child.ignoreFailure()) {
                    return Optional.of(dependency);
                }
            }
            return Optional.empty();
        }

        private void notRun(Buildspec.BatchTask task, String reason)
        {
            listener.message("Not running " + task.identifier() + ": " + reason);
            finished.put(task.identifier(), new BatchResult.Child(task.identifier(), task.ignoreFailure(), Optional.empty(), Optional.of(reason)));
        }

        private void start(Buildspec.BatchTask task, boolean fastFail)
        {
            BuildJob child;
            try {
                child = childJob(task);
            }
            catch (IOException | RuntimeException e) {
                notRun(task, "it could not be prepared: " + e.getMessage());
                return;
            }
            BuildControl childControl = new BuildControl();
            running.put(task.identifier(), childControl);
            listener.message("Starting " + task.identifier() + " as " + child.buildId());
            dev.slipway.server.build.engine.BuildListener childListener = listener.child(task.identifier(), child.buildId());
            threads.execute(() -> {
                BuildResult result;
                try {
                    result = children.run(child, childListener, childControl);
                }
                catch (RuntimeException | Error e) {
                    // The system failed around the child (the database, say): the child counts as FAULT so that the
                    // batch still ends instead of waiting for it forever.
                    listener.message("Child " + task.identifier() + " (" + child.buildId() + ") could not be run: " + e);
                    Instant now = clock.instant();
                    result = new BuildResult(child.buildId(), child.buildNumber(), BuildStatus.FAULT, now, now, List.of(), Map.of(), List.of(),
                            Optional.empty(), List.of(), Optional.empty(), Optional.empty());
                }
                childEnded(task, result, fastFail);
            });
        }

        private synchronized void childEnded(Buildspec.BatchTask task, BuildResult result, boolean fastFail)
        {
            running.remove(task.identifier());
            finished.put(task.identifier(), new BatchResult.Child(task.identifier(), task.ignoreFailure(), Optional.of(result), Optional.empty()));
            if (fastFail && result.status() != BuildStatus.SUCCEEDED && !task.ignoreFailure() && !halted) {
                halted = true;
                haltReason = "fast-fail: " + task.identifier() + " ended " + result.status();
                listener.message("Stopping the batch: " + task.identifier() + " ended " + result.status() + " and fast-fail is on");
                running.values().forEach(other -> other.stop("Stopped by fast-fail: " + task.identifier() + " ended " + result.status()));
            }
            notifyAll();
        }

        private void halt(String reason)
        {
            List<BuildControl> toStop;
            synchronized (this) {
                if (!halted) {
                    halted = true;
                    haltReason = reason;
                }
                toStop = List.copyOf(running.values());
                notifyAll();
            }
            toStop.forEach(other -> other.stop("Stopped: " + reason));
        }

        private BuildJob childJob(Buildspec.BatchTask task)
                throws IOException
        {
            BatchJob.Slot slot = job.children().allocate(task.identifier());
            BuildJob parent = job.parent();
            BuildJob.Builder builder = parent.toBuilder()
                    .buildId(slot.buildId(), slot.buildNumber())
                    .workspace(slot.workspace())
                    .batchBuildIdentifier(task.identifier());
            task.buildspec().ifPresent(path -> builder.buildspec(new BuildspecLocation.InSource(path)));
            Buildspec.BatchEnv env = task.env();
            EnvironmentSettings base = parent.environment();
            builder.environment(new EnvironmentSettings(env.image().or(base::image), env.computeType().orElse(base.computeType()),
                    env.privilegedMode().orElse(base.privileged())));
            env.variables().forEach((name, value) -> builder.overrideVariable(EnvironmentVariable.plain(name, value)));
            return builder.build();
        }

        private Buildspec batchspec()
                throws IOException, InterruptedException, BatchspecException
        {
            ParseResult result;
            String name;
            if (job.parent().buildspec() instanceof BuildspecLocation.Inline inline) {
                result = parser.parse(inline.text());
                name = inline.name();
            }
            else if (job.parent().buildspec() instanceof BuildspecLocation.HostFile hostFile) {
                try (java.io.InputStream in = Files.newInputStream(hostFile.file())) {
                    result = parser.parse(in.readNBytes(BuildspecParser.MAX_INPUT_BYTES + 1));
                }
                name = hostFile.file().toString();
            }
            else {
                BuildspecLocation.InSource inSource = (BuildspecLocation.InSource) job.parent().buildspec();
                Path scratch = Files.createTempDirectory("slipway-batchspec-");
                try {
                    job.parent().source().fetch(scratch, LogSink.discard());
                    Path file = scratch.resolve(inSource.path()).normalize();
                    if (!file.startsWith(scratch) || !Files.isRegularFile(file)) {
                        throw new BatchspecException(new StatusContext(StatusContext.YAML_FILE_ERROR,
                                "The buildspec file " + inSource.path() + " does not exist in the source"));
                    }
                    try (java.io.InputStream in = Files.newInputStream(file)) {
                        result = parser.parse(in.readNBytes(BuildspecParser.MAX_INPUT_BYTES + 1));
                    }
                    name = inSource.path();
                }
                finally {
                    deleteTree(scratch);
                }
            }
            if (result.hasErrors() || result.buildspec().isEmpty()) {
                String message = result.errors().stream().map(problem -> problem.format(name)).reduce((a, b) -> a + "; " + b)
                        .orElse("The buildspec could not be read");
                throw new BatchspecException(new StatusContext(StatusContext.YAML_FILE_ERROR, message));
            }
            return result.buildspec().get();
        }

        private BatchResult failed(StatusContext context, List<BatchResult.Child> children)
        {
            listener.message(context.statusCode() + ": " + context.message());
            end(List.of(context));
            begin(BatchPhaseType.FAILED);
            end(List.of());
            return new BatchResult(job.batchId(), BatchPhaseType.FAILED, phases, children, Optional.empty());
        }

        private void begin(BatchPhaseType type)
        {
            phase = type;
            phaseStart = clock.instant();
            listener.phaseChanged(type);
        }

        private void end(List<StatusContext> contexts)
        {
            phases.add(new BatchResult.Phase(phase, phaseStart, clock.instant(), contexts));
        }
    }

    private static final class BatchspecException
            extends Exception
    {
        private static final long serialVersionUID = 1L;

        final transient StatusContext context;

        BatchspecException(StatusContext context)
        {
            super(context.message());
            this.context = context;
        }
    }

    private static void deleteTree(Path root)
    {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException | RuntimeException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
