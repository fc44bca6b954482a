package dev.slipway.server.build.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.slipway.api.ErrorType;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;
import dev.slipway.api.artifact.ArtifactRef;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.executor.BuildContext;
import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.CommandResult;
import dev.slipway.api.executor.EnvironmentRequest;
import dev.slipway.api.executor.LogSink;
import dev.slipway.api.executor.ShellOptions;
import dev.slipway.api.executor.ShellSession;
import dev.slipway.api.executor.Toolchain;
import dev.slipway.server.build.artifact.ArchiveStreams;
import dev.slipway.server.build.artifact.ArtifactSpec;
import dev.slipway.server.build.artifact.CollectedFile;
import dev.slipway.server.build.artifact.CollectedFiles;
import dev.slipway.server.build.artifact.FileCollector;
import dev.slipway.server.build.cache.BuildCache;
import dev.slipway.server.build.report.CoverageReport;
import dev.slipway.server.build.report.Report;
import dev.slipway.server.build.report.ReportFormat;
import dev.slipway.server.build.report.ReportParsers;
import dev.slipway.server.build.report.ReportProblem;
import dev.slipway.server.build.report.TestReport;
import dev.slipway.server.buildspec.Buildspec;
import dev.slipway.server.buildspec.BuildspecParser;
import dev.slipway.server.buildspec.BuildspecProblem;
import dev.slipway.server.buildspec.ParseResult;
import dev.slipway.server.secret.SecretMasker;
import dev.slipway.server.secret.SecretReference;
import dev.slipway.server.secret.SecretScope;

import static dev.slipway.server.build.engine.StatusContext.CLIENT_ERROR;
import static dev.slipway.server.build.engine.StatusContext.COMMAND_EXECUTION_ERROR;
import static dev.slipway.server.build.engine.StatusContext.YAML_FILE_ERROR;

/**
 * One build, from SUBMITTED to COMPLETED, on the caller's thread. Not reusable.
 */
final class BuildRun
{
    private static final Logger LOG = LoggerFactory.getLogger(BuildRun.class);
    private static final String DEFAULT_USER = "";
    private static final List<Buildspec.PhaseName> COMMAND_PHASES = List.of(Buildspec.PhaseName.values());

    private final BuildEngineSettings settings;
    private final BuildspecParsing parser;
    private final ReportParsers reportParsers;
    private final ScheduledExecutorService timer;
    private final BuildJob job;
    private final BuildListener listener;
    private final BuildControl control;
    private final Clock clock;
    private final String marker = UUID.randomUUID().toString().replace("-", "");

    private volatile SecretMasker masker = SecretMasker.none();
    private final List<PhaseRecord> phases = new ArrayList<>();
    private BuildPhaseType currentPhase;
    private Instant phaseStart;

    private Instant startTime;
    private Instant deadline;
    private Buildspec buildspec;
    private BuildEnvironment environment;
    private BuildSource.Fetched fetched = BuildSource.Fetched.NOTHING;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Set<String> notExportable = new LinkedHashSet<>();
    private final List<String> prelude = new ArrayList<>();
    private final Map<String, ShellSession> sessions = new LinkedHashMap<>();
    private String toolsDirectory;
    private Path downloadedWorkspace;
    private boolean failing;
    private BuildStatus endStatus;

    private final Map<String, String> exportedVariables = new LinkedHashMap<>();
    private final List<ArtifactOutcome> artifacts = new ArrayList<>();
    private final List<BuildReport> reports = new ArrayList<>();
    private Optional<BuildCache> cache = Optional.empty();
    private Optional<CacheOutcome.Restore> cacheRestore = Optional.empty();
    private Optional<CacheOutcome.Save> cacheSave = Optional.empty();

    BuildRun(BuildEngineSettings settings, BuildspecParsing parser, ReportParsers reportParsers, ScheduledExecutorService timer, BuildJob job,
            BuildListener listener, BuildControl control)
    {
        this.settings = settings;
        this.parser = parser;
        this.reportParsers = reportParsers;
        this.timer = timer;
        this.job = job;
        this.listener = listener;
        this.control = control;
        this.clock = settings.clock();
    }

    /** Ends the command phases early: the build is over (failed, timed out, stopped or faulted). */
    private static final class PhaseEnded
            extends Exception
    {
        private static final long serialVersionUID = 1L;

        final BuildStatus status;
        final StatusContext context;

        PhaseEnded(BuildStatus status, StatusContext context)
        {
            super(context.message(), null, false, false);
            this.status = status;
            this.context = context;
        }
    }

    BuildResult run()
    {
        startTime = clock.instant();
        deadline = startTime.plus(job.timeout());
        control.attach(Thread.currentThread());
        ScheduledFuture<?> timeout = timer.schedule(control::timeOut, job.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            runUntilFinalizing();
        }
        finally {
            timeout.cancel(false);
            control.detach();
        }
        finalizing();
        Instant end = clock.instant();
        begin(BuildPhaseType.COMPLETED, end);
        PhaseRecord completed = new PhaseRecord(BuildPhaseType.COMPLETED, end, end, Optional.empty(), List.of(), List.of());
        phases.add(completed);
        notify(() -> listener.phaseEnded(completed));
        BuildResult result = new BuildResult(job.buildId(), job.buildNumber(), endStatus, startTime, end, phases, exportedVariables, artifacts,
                cache.map(c -> new CacheOutcome(c.key(), c.version(), cacheRestore, cacheSave)), reports, fetched.resolvedVersion(),
                fetched.repositoryUrl());
        engineMessage("Build " + job.buildId() + " completed: " + endStatus);
        notify(() -> listener.buildEnded(result));
        return result;
    }

    // ---------------------------------------------------------------- phases up to UPLOAD_ARTIFACTS

    private void runUntilFinalizing()
    {
        if (!submitted() || !stillRunning()) {
            return;
        }
        begin(BuildPhaseType.QUEUED, job.queuedAt().orElse(startTime));
        end(BuildStatus.SUCCEEDED, List.of(), List.of());
        boolean ok = guarded(BuildPhaseType.PROVISIONING, this::provision)
                && guarded(BuildPhaseType.DOWNLOAD_SOURCE, this::downloadSource);
        if (ok && runCommandPhases()) {
            guarded(BuildPhaseType.UPLOAD_ARTIFACTS, this::uploadArtifacts);
        }
    }

    private boolean submitted()
    {
        begin(BuildPhaseType.SUBMITTED, job.submittedAt().orElse(startTime));
        if (control.reason().isPresent()) {
            PhaseEnded ended = controlEnded();
            endBuild(ended.status, ended.context);
            return false;
        }
        if (job.buildspec() instanceof BuildspecLocation.Inline inline) {
            Optional<StatusContext> error = parse(inline.text(), inline.name());
            if (error.isPresent()) {
                endBuild(BuildStatus.FAILED, error.get());
                return false;
            }
        }
        end(BuildStatus.SUCCEEDED, List.of(), List.of());
        return true;
    }

    private boolean stillRunning()
    {
        return endStatus == null;
    }

    @FunctionalInterface
    private interface PhaseBody
    {
        /** @return the contexts of a phase that succeeded (warnings) */
        List<StatusContext> run()
                throws Exception;
    }

    /** Runs a non-command phase; any failure ends the build (the caller skips to FINALIZING). */
    private boolean guarded(BuildPhaseType type, PhaseBody body)
    {
        begin(type, clock.instant());
        try {
            checkControl();
            List<StatusContext> contexts = body.run();
            checkControl();
            end(BuildStatus.SUCCEEDED, contexts, List.of());
            return true;
        }
        catch (PhaseEnded ended) {
            endBuild(ended.status, ended.context);
        }
        catch (Exception | LinkageError e) {
            PhaseEnded ended = fromException(e);
            endBuild(ended.status, ended.context);
        }
        return false;
    }

    private List<StatusContext> provision()
            throws Exception
    {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (List<EnvironmentVariable> level : List.of(job.projectVariables(), job.overrideVariables())) {
            for (EnvironmentVariable variable : level) {
                switch (variable.type()) {
                    case PLAINTEXT -> { }
                    case PARAMETER_STORE -> {
                        resolved.put(variable.name(), resolveParameter(variable.value(), variable.name()));
                        notExportable.add(variable.name());
                    }
                    case SECRETS_MANAGER -> {
                        resolved.put(variable.name(), resolveSecret(variable.value(), variable.name()));
                        notExportable.add(variable.name());
                    }
                }
            }
        }
        projectSecretValues = resolved;
        environment = job.executor().provision(new Request(), new Context());
        return List.of();
    }

    private Map<String, String> projectSecretValues = Map.of();

    private List<StatusContext> downloadSource()
            throws Exception
    {
        fetched = job.source().fetch(job.workspace(), this::executorLine);
        if (fetched == null) {
            throw new IllegalStateException("The build source returned no result");
        }
        fetched.resolvedVersion().ifPresent(version -> engineMessage("Source version " + version));
        if (environment.hostPath(environment.workspacePath()).isEmpty()) {
            environment.upload(job.workspace(), environment.workspacePath());
        }
        if (job.buildspec() instanceof BuildspecLocation.InSource inSource) {
            Path file = job.workspace().resolve(inSource.path()).normalize();
            if (!file.startsWith(job.workspace()) || !Files.isRegularFile(file)) {
                throw new PhaseEnded(BuildStatus.FAILED, new StatusContext(YAML_FILE_ERROR,
                        "The buildspec file " + inSource.path() + " does not exist in the source (" + environment.workspacePath() + ")"));
            }
            parseFile(file, inSource.path());
        }
        else if (job.buildspec() instanceof BuildspecLocation.HostFile hostFile) {
            if (!Files.isRegularFile(hostFile.file())) {
                throw new PhaseEnded(BuildStatus.FAILED, new StatusContext(YAML_FILE_ERROR, "The buildspec file " + hostFile.file() + " does not exist"));
            }
            parseFile(hostFile.file(), hostFile.file().toString());
        }
        Map<String, String> buildspecSecrets = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : buildspec.env().parameterStore().entrySet()) {
            buildspecSecrets.put(entry.getKey(), resolveParameter(entry.getValue(), entry.getKey()));
        }
        for (Map.Entry<String, String> entry : buildspec.env().secretsManager().entrySet()) {
            buildspecSecrets.put(entry.getKey(), resolveSecret(entry.getValue(), entry.getKey()));
        }
        layerVariables(buildspecSecrets);
        installTools();
        if (!buildspec.isLegacy()) {
            session(buildspec.runAs().orElse(DEFAULT_USER));
        }
        restoreCache();
        return List.of();
    }

    private void parseFile(Path file, String name)
            throws IOException, PhaseEnded
    {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // One byte past the limit is enough to refuse a file that is too large without reading it all.
            bytes = in.readNBytes(BuildspecParser.MAX_INPUT_BYTES + 1);
        }
        Optional<StatusContext> error = parse(parser.parse(bytes), name);
        if (error.isPresent()) {
            throw new PhaseEnded(BuildStatus.FAILED, error.get());
        }
    }

    /** Parses the buildspec; on errors returns the YAML_FILE_ERROR context. */
    private Optional<StatusContext> parse(String text, String source)
    {
        return parse(parser.parse(text), source);
    }

    private Optional<StatusContext> parse(ParseResult result, String source)
    {
        for (BuildspecProblem warning : result.warnings()) {
            engineMessage("Warning: " + warning.format(source));
        }
        if (result.hasErrors() || result.buildspec().isEmpty()) {
            List<BuildspecProblem> errors = result.errors();
            String message = errors.isEmpty()
                    ? "The buildspec could not be read"
                    : errors.stream().map(problem -> problem.format(source)).reduce((a, b) -> a + "; " + b).orElseThrow();
            return Optional.of(new StatusContext(YAML_FILE_ERROR, message));
        }
        buildspec = result.buildspec().get();
        if (buildspec.batch().isPresent()) {
            // CodeBuild's StartBuild runs a buildspec with a batch section as one build; only StartBuildBatch runs the batch.
            engineMessage(job.batchBuildIdentifier().isPresent()
                    ? "The buildspec's batch section is ignored: this build is " + job.batchBuildIdentifier().get() + " of a batch"
                    : "The buildspec's batch section is ignored for a single build; start a batch build (POST /api/v1/projects/{name}/build-batches, "
                            + "or slipway run without --no-batch) to run it");
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- variables and secrets

    private String resolveParameter(String name, String variable)
            throws PhaseEnded
    {
        try {
            Optional<String> value = job.secrets().parameter(name, scope());
            if (value.isEmpty()) {
                throw new PhaseEnded(BuildStatus.FAILED, new StatusContext(StatusContext.PARAMETER_STORE_ERROR,
                        "Parameter " + name + " for variable " + variable + " does not exist"));
            }
            addSecret(value.get());
            return value.get();
        }
        catch (SlipwayException e) {
            throw secretFailure(StatusContext.PARAMETER_STORE_ERROR, "Parameter " + name + " for variable " + variable, e);
        }
    }

    private String resolveSecret(String reference, String variable)
            throws PhaseEnded
    {
        try {
            SecretReference parsed = SecretReference.parse(reference);
            Optional<String> text = job.secrets().secret(parsed, scope());
            if (text.isEmpty()) {
                throw new PhaseEnded(BuildStatus.FAILED, new StatusContext(StatusContext.SECRETS_MANAGER_ERROR,
                        "Secret " + parsed.secretId() + " for variable " + variable + " does not exist"
                                + parsed.versionStage().or(parsed::versionId).map(version -> " in version " + version).orElse("")));
            }
            addSecret(text.get());
            if (parsed.jsonKey().isEmpty()) {
                return text.get();
            }
            Optional<String> value = SecretJson.field(text.get(), parsed.jsonKey().get());
            if (value.isEmpty()) {
                throw new PhaseEnded(BuildStatus.FAILED, new StatusContext(StatusContext.SECRETS_MANAGER_ERROR,
                        "Secret " + parsed.secretId() + " for variable " + variable + " is not a JSON object with the key '" + parsed.jsonKey().get() + "'"));
            }
            addSecret(value.get());
            return value.get();
        }
        catch (SlipwayException e) {
            throw secretFailure(StatusContext.SECRETS_MANAGER_ERROR, "Secret " + reference + " for variable " + variable, e);
        }
    }

    private PhaseEnded secretFailure(String code, String what, SlipwayException e)
    {
        BuildStatus status = e.errorCode().type() == ErrorType.USER_ERROR ? BuildStatus.FAILED : BuildStatus.FAULT;
        return new PhaseEnded(status, new StatusContext(code, what + " could not be read: " + e.getMessage()));
    }

    private SecretScope scope()
    {
        return new SecretScope(job.projectName(), job.buildId());
    }

    private void addSecret(String value)
    {
        masker = masker.with(List.of(value));
    }

    /**
     * Builds the shell's variables: buildspec variables, then its parameters and secrets; project variables; start
     * overrides; then the engine's own, which users cannot replace.
     */
    private void layerVariables(Map<String, String> buildspecSecrets)
    {
        variables.put("CI", "true");
        putUserVariables(buildspec.env().variables(), "the buildspec");
        putUserVariables(buildspecSecrets, "the buildspec");
        for (EnvironmentVariable variable : job.projectVariables()) {
            putUserVariable(variable.name(), valueOf(variable), "the project");
        }
        for (EnvironmentVariable variable : job.overrideVariables()) {
            putUserVariable(variable.name(), valueOf(variable), "the start request");
        }
        variables.putAll(systemVariables());
    }

    private String valueOf(EnvironmentVariable variable)
    {
        return variable.type() == EnvironmentVariable.Type.PLAINTEXT ? variable.value() : projectSecretValues.get(variable.name());
    }

    private void putUserVariables(Map<String, String> values, String origin)
    {
        values.forEach((name, value) -> putUserVariable(name, value, origin));
    }

    private void putUserVariable(String name, String value, String origin)
    {
        if (name.startsWith("CODEBUILD_")) {
            engineMessage("Ignoring variable " + name + " from " + origin + ": names starting with CODEBUILD_ are reserved");
            return;
        }
        // Replace, not update: a later layer also moves the name to its own position.
        variables.remove(name);
        variables.put(name, value);
    }

    Map<String, String> systemVariables()
    {
        Map<String, String> system = new LinkedHashMap<>();
        settings.awsRegion().ifPresent(region -> {
            system.put("AWS_REGION", region);
            system.put("AWS_DEFAULT_REGION", region);
        });
        String arnPrefix = "arn:aws:codebuild:" + settings.arnRegion() + ":" + settings.accountId() + ":";
        system.put("CODEBUILD_BUILD_ID", job.buildId());
        system.put("CODEBUILD_BUILD_ARN", arnPrefix + "build/" + job.buildId());
        system.put("CODEBUILD_BUILD_NUMBER", Long.toString(job.buildNumber()));
        system.put("CODEBUILD_BUILD_SUCCEEDING", failing ? "0" : "1");
        system.put("CODEBUILD_INITIATOR", job.initiator());
        job.environment().image().ifPresent(image -> system.put("CODEBUILD_BUILD_IMAGE", image));
        system.put("CODEBUILD_SRC_DIR", environment.workspacePath());
        system.put("CODEBUILD_START_TIME", Long.toString(startTime.toEpochMilli()));
        Optional<String> sourceVersion = job.sourceVersion().or(fetched::resolvedVersion);
        sourceVersion.ifPresent(version -> system.put("CODEBUILD_SOURCE_VERSION", version));
        fetched.resolvedVersion().ifPresent(version -> system.put("CODEBUILD_RESOLVED_SOURCE_VERSION", version));
        fetched.repositoryUrl().ifPresent(url -> system.put("CODEBUILD_SOURCE_REPO_URL", url));
        system.put("CODEBUILD_PROJECT_ARN", arnPrefix + "project/" + job.projectName());
        system.put("CODEBUILD_LOG_PATH", job.buildUuid());
        job.batchBuildIdentifier().ifPresent(identifier -> system.put("CODEBUILD_BATCH_BUILD_IDENTIFIER", identifier));
        system.putAll(job.webhookVariables());
        return system;
    }

    // ---------------------------------------------------------------- shells

    private ShellOptions shellOptions(String user)
    {
        ShellOptions.Builder options = ShellOptions.builder(environment.workspacePath()).environment(variables);
        Optional<String> path = Optional.ofNullable(variables.get("PATH")).or(() -> Optional.ofNullable(environment.baseEnvironment().get("PATH")));
        if (toolsDirectory != null && path.isPresent()) {
            // After the build's own PATH (a buildspec's literal PATH included), so that nothing of the build is shadowed.
            options.variable("PATH", path.get() + ":" + toolsDirectory);
        }
        buildspec.env().shell().ifPresent(options::shell);
        if (!user.equals(DEFAULT_USER)) {
            options.runAs(user);
        }
        return options.build();
    }

    /** The build's shell for {@code user} (0.2), opened on first use and kept until FINALIZING. */
    private ShellSession session(String user)
            throws IOException, InterruptedException, PhaseEnded
    {
        ShellSession session = sessions.get(user);
        if (session == null) {
            session = environment.openShell(shellOptions(user));
            sessions.put(user, session);
            for (String command : prelude) {
                internal(session, command);
            }
        }
        return session;
    }

    /** Runs a command of the engine's own, without logging its output. */
    private List<String> internal(ShellSession session, String command)
            throws IOException, InterruptedException, PhaseEnded
    {
        List<String> output = new ArrayList<>();
        CommandResult result = session.run(command, output::add, remaining());
        checkTimedOut(result);
        if (!result.succeeded()) {
            throw new IOException("The engine's command failed with " + result + ": " + firstLine(command));
        }
        return output;
    }

    /** Adds shell setup to every open session and to every session opened later. */
    private void applyToShells(String command)
            throws IOException, InterruptedException, PhaseEnded
    {
        prelude.add(command);
        for (ShellSession session : sessions.values()) {
            internal(session, command);
        }
    }

    private void installTools()
            throws IOException, InterruptedException
    {
        toolsDirectory = "/tmp/slipway-tools-" + marker;
        Optional<Path> direct = environment.hostPath(toolsDirectory);
        Path directory = direct.isPresent() ? direct.get() : Files.createTempDirectory("slipway-tools-");
        try {
            Files.createDirectories(directory);
            Path script = directory.resolve(HashFilesTool.NAME);
            Files.writeString(script, HashFilesTool.SCRIPT, StandardCharsets.UTF_8);
            if (script.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            if (direct.isEmpty()) {
                environment.upload(directory, toolsDirectory);
            }
        }
        finally {
            if (direct.isEmpty()) {
                deleteTree(directory);
            }
        }
        if (!variables.containsKey("PATH") && !environment.baseEnvironment().containsKey("PATH")) {
            // Only the shell knows its PATH (an image's); otherwise shellOptions appends the directory with no round trip.
            prelude.add("export PATH=\"$PATH\":" + ShellText.quote(toolsDirectory));
        }
    }

    private void markFailing()
            throws IOException, InterruptedException, PhaseEnded
    {
        if (failing) {
            return;
        }
        failing = true;
        variables.put("CODEBUILD_BUILD_SUCCEEDING", "0");
        if (!buildspec.isLegacy()) {
            applyToShells(ShellText.export("CODEBUILD_BUILD_SUCCEEDING", "0"));
        }
    }

    /** Runs a build command: in the build's shell (0.2) or in a fresh shell in the source directory (0.1). */
    private CommandResult command(String user, String command, LogSink output)
            throws IOException, InterruptedException, PhaseEnded
    {
        if (!buildspec.isLegacy()) {
            return session(user).run(command, output, remaining());
        }
        ShellSession fresh = environment.openShell(shellOptions(user));
        try {
            for (String setup : prelude) {
                internal(fresh, setup);
            }
            return fresh.run(command, output, remaining());
        }
        finally {
            fresh.close();
        }
    }

    /** Runs engine text in a build shell and returns its output (for {@code artifacts.name}, {@code cache.key}). */
    private Optional<String> evaluate(String text)
            throws IOException, InterruptedException, PhaseEnded
    {
        String user = buildspec.runAs().orElse(DEFAULT_USER);
        List<String> output = new ArrayList<>();
        CommandResult result = command(user, ShellText.expand(text, marker), output::add);
        checkTimedOut(result);
        int end = output.lastIndexOf(marker);
        if (!result.succeeded() || end < 1) {
            return Optional.empty();
        }
        return Optional.of(output.get(end - 1));
    }

    private Duration remaining()
            throws PhaseEnded
    {
        Duration remaining = Duration.between(clock.instant(), deadline);
        if (remaining.isNegative() || remaining.isZero()) {
            control.timeOut();
            throw controlEnded();
        }
        return remaining;
    }

    private void checkTimedOut(CommandResult result)
            throws PhaseEnded
    {
        if (result.timedOut()) {
            control.timeOut();
            throw controlEnded();
        }
        checkControl();
    }

    private void checkControl()
            throws PhaseEnded
    {
        if (control.reason().isPresent()) {
            throw controlEnded();
        }
    }

    private PhaseEnded controlEnded()
    {
        BuildControl.Reason reason = control.reason().orElse(BuildControl.Reason.STOPPED);
        return switch (reason) {
            case STOPPED -> new PhaseEnded(BuildStatus.STOPPED, new StatusContext(StatusContext.BUILD_STOPPED, control.message()));
            case TIMED_OUT -> new PhaseEnded(BuildStatus.TIMED_OUT, new StatusContext(StatusContext.BUILD_TIMED_OUT,
                    "Build has timed out after " + job.timeout().toMinutes() + " minutes (" + job.timeout() + ")"));
        };
    }

    private PhaseEnded fromException(Throwable e)
    {
        if (control.reason().isPresent()) {
            return controlEnded();
        }
        if (e instanceof InterruptedException || e instanceof ClosedByInterruptException || e instanceof InterruptedIOException) {
            return new PhaseEnded(BuildStatus.STOPPED, new StatusContext(StatusContext.BUILD_STOPPED, "The build's thread was interrupted"));
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SlipwayException slipway && slipway.errorCode().type() == ErrorType.USER_ERROR) {
            return new PhaseEnded(BuildStatus.FAILED, new StatusContext(CLIENT_ERROR, message));
        }
        if (e instanceof IOException) {
            LOG.info("Build {} faulted in {}: {}", job.buildId(), currentPhase, message);
            return new PhaseEnded(BuildStatus.FAULT, new StatusContext(StatusContext.ENVIRONMENT_ERROR, message));
        }
        LOG.warn("Build {} faulted in {}", job.buildId(), currentPhase, e);
        return new PhaseEnded(BuildStatus.FAULT, new StatusContext(StatusContext.INTERNAL_ERROR, message));
    }

    // ---------------------------------------------------------------- command phases

    /** @return true if the build goes on to UPLOAD_ARTIFACTS */
    private boolean runCommandPhases()
    {
        boolean upload = true;
        boolean exportsCaptured = false;
        for (Buildspec.PhaseName name : COMMAND_PHASES) {
            BuildPhaseType type = BuildPhaseType.valueOf(name.name());
            begin(type, clock.instant());
            Optional<Buildspec.Phase> phase = buildspec.phase(name);
            BuildStatus status;
            try {
                PhaseRun run = runPhase(name, phase);
                status = run.status;
                end(run.status, run.context.map(List::of).orElse(List.of()), run.attempts);
            }
            catch (PhaseEnded ended) {
                endBuild(ended.status, ended.context);
                return false;
            }
            catch (Exception | LinkageError e) {
                PhaseEnded ended = fromException(e);
                endBuild(ended.status, ended.context);
                return false;
            }
            if (name == Buildspec.PhaseName.POST_BUILD) {
                exportsCaptured = captureExportedVariables();
                if (!stillRunning()) {
                    return false;
                }
            }
            if (status == BuildStatus.SUCCEEDED) {
                continue;
            }
            if (!markFailingGuarded()) {
                return false;
            }
            Buildspec.OnFailure.Mode mode = phase.flatMap(Buildspec.Phase::onFailure).map(Buildspec.OnFailure::mode).orElse(null);
            if (mode == Buildspec.OnFailure.Mode.CONTINUE) {
                engineMessage("Phase " + type + " failed; on-failure: CONTINUE goes on to the next phase");
                continue;
            }
            if (mode == Buildspec.OnFailure.Mode.ABORT) {
                engineMessage("Phase " + type + " failed; on-failure: ABORT ends the build");
                upload = false;
                break;
            }
            if (name == Buildspec.PhaseName.INSTALL || name == Buildspec.PhaseName.PRE_BUILD) {
                upload = false;
                break;
            }
            // BUILD goes on to POST_BUILD, POST_BUILD to UPLOAD_ARTIFACTS: both are attempted after a failure.
        }
        if (!exportsCaptured) {
            captureExportedVariables();
        }
        return upload && stillRunning();
    }

    private boolean markFailingGuarded()
    {
        try {
            markFailing();
            return true;
        }
        catch (PhaseEnded ended) {
            endBuild(ended.status, ended.context);
        }
        catch (Exception e) {
            PhaseEnded ended = fromException(e);
            endBuild(ended.status, ended.context);
        }
        return false;
    }

    private record PhaseRun(BuildStatus status, Optional<StatusContext> context, List<PhaseAttempt> attempts) {}

    private PhaseRun runPhase(Buildspec.PhaseName name, Optional<Buildspec.Phase> maybePhase)
            throws IOException, InterruptedException, PhaseEnded
    {
        checkControl();
        if (maybePhase.isEmpty()) {
            return new PhaseRun(BuildStatus.SUCCEEDED, Optional.empty(), List.of());
        }
        Buildspec.Phase phase = maybePhase.get();
        String user = phase.runAs().or(buildspec::runAs).orElse(DEFAULT_USER);
        if (name == Buildspec.PhaseName.INSTALL && !phase.runtimeVersions().isEmpty()) {
            Optional<StatusContext> error = selectRuntimes(phase.runtimeVersions());
            if (error.isPresent()) {
                Instant now = clock.instant();
                return new PhaseRun(BuildStatus.FAILED, error, List.of(new PhaseAttempt(1, phaseStart, now, BuildStatus.FAILED, error)));
            }
        }
        Optional<Buildspec.OnFailure> onFailure = phase.onFailure();
        boolean retries = onFailure.map(policy -> policy.mode() == Buildspec.OnFailure.Mode.RETRY).orElse(false);
        int maxAttempts = retries ? 1 + Math.max(0, onFailure.get().retryCount()) : 1;
        List<PhaseAttempt> attempts = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            Instant attemptStart = clock.instant();
            OutputWatch watch = new OutputWatch(retries ? onFailure.get().retryPattern() : null);
            Optional<StatusContext> failure = runBlock(user, phase.commands(), watch);
            Optional<StatusContext> finallyFailure = runBlock(user, phase.finallyCommands(), watch);
            Optional<StatusContext> context = failure.or(() -> finallyFailure);
            BuildStatus status = context.isEmpty() ? BuildStatus.SUCCEEDED : BuildStatus.FAILED;
            attempts.add(new PhaseAttempt(attempt, attemptStart, clock.instant(), status, context));
            if (status == BuildStatus.SUCCEEDED) {
                return new PhaseRun(status, Optional.empty(), attempts);
            }
            if (attempt >= maxAttempts) {
                if (retries) {
                    engineMessage("Phase " + name.key() + " failed after " + attempt + (attempt == 1 ? " attempt" : " attempts"));
                }
                return new PhaseRun(status, context, attempts);
            }
            if (!watch.matched()) {
                engineMessage("Phase " + name.key() + " failed; not retrying: its output does not match " + watch.pattern());
                return new PhaseRun(status, context, attempts);
            }
            engineMessage("Phase " + name.key() + " failed; retrying (attempt " + (attempt + 1) + " of " + maxAttempts + ")");
        }
    }

    /** Runs one block; the first failing command ends it. @return the failure's context, if one failed */
    private Optional<StatusContext> runBlock(String user, List<Buildspec.Command> commands, OutputWatch watch)
            throws IOException, InterruptedException, PhaseEnded
    {
        LogSink output = line -> {
            String masked = masker.mask(line);
            watch.line(masked);
            notify(() -> listener.logLine(masked));
        };
        for (Buildspec.Command command : commands) {
            engineMessage("Running command " + command.text());
            CommandResult result = command(user, command.text(), output);
            checkTimedOut(result);
            if (!result.succeeded()) {
                return Optional.of(new StatusContext(COMMAND_EXECUTION_ERROR, masker.mask(
                        "Error while executing command: " + command.text() + ". Reason: exit status " + result.exitStatus())));
            }
        }
        return Optional.empty();
    }

    /** Watches a phase's output for the {@code on-failure: RETRY-…} pattern, line by line. */
    private static final class OutputWatch
    {
        private final Pattern pattern;
        private boolean anyLine;
        private boolean matched;

        OutputWatch(Pattern pattern)
        {
            this.pattern = pattern;
        }

        void line(String line)
        {
            if (pattern != null && !matched) {
                anyLine = true;
                matched = pattern.matcher(line).find();
            }
        }

        boolean matched()
        {
            // A phase with no output at all is matched as the empty text, so the default ".*" retries it.
            return matched || (!anyLine && pattern.matcher("").find());
        }

        String pattern()
        {
            return String.valueOf(pattern);
        }
    }

    private Optional<StatusContext> selectRuntimes(Map<String, String> requested)
            throws IOException, InterruptedException, PhaseEnded
    {
        List<Toolchain> available = ToolchainEntries.merge(job.toolchains(), environment.toolchains());
        RuntimeSelector.Selection selection = RuntimeSelector.select(requested, available, variables);
        if (selection.error().isPresent()) {
            return Optional.of(new StatusContext(YAML_FILE_ERROR, selection.error().get()));
        }
        for (Toolchain toolchain : selection.toolchains()) {
            engineMessage("Selected runtime " + toolchain.runtime() + " " + toolchain.version());
            for (String export : RuntimeSelector.exports(toolchain)) {
                applyToShells(export);
            }
        }
        return Optional.empty();
    }

    /** @return false if the build ended meanwhile */
    private boolean captureExportedVariables()
    {
        List<String> names = buildspec.env().exportedVariables();
        if (names.isEmpty() || environment == null) {
            return true;
        }
        StringBuilder script = new StringBuilder();
        for (String name : names) {
            if (name.startsWith("AWS_") || notExportable.contains(name)) {
                engineMessage("Not exporting variable " + name + ": " + (name.startsWith("AWS_")
                        ? "names starting with AWS_ cannot be exported"
                        : "project parameter-store and secrets-manager variables cannot be exported"));
                continue;
            }
            if (!ShellText.isVariableName(name)) {
                engineMessage("Not exporting variable '" + name + "': it is not a valid variable name");
                continue;
            }
            script.append("if [ -n \"${").append(name).append("+x}\" ]; then printf '%s\\n%s\\n%s\\n' ")
                    .append(ShellText.quote(marker + ":set:" + name)).append(" \"$").append(name).append("\" ")
                    .append(ShellText.quote(marker + ":end")).append("; fi\n");
        }
        if (script.length() == 0) {
            return true;
        }
        Optional<Buildspec.Phase> postBuild = buildspec.phase(Buildspec.PhaseName.POST_BUILD);
        String user = postBuild.flatMap(Buildspec.Phase::runAs).or(buildspec::runAs).orElse(DEFAULT_USER);
        List<String> output = new ArrayList<>();
        try {
            CommandResult result = command(user, script.toString(), output::add);
            checkTimedOut(result);
        }
        catch (PhaseEnded ended) {
            endBuild(ended.status, ended.context);
            return false;
        }
        catch (Exception e) {
            PhaseEnded ended = fromException(e);
            endBuild(ended.status, ended.context);
            return false;
        }
        String name = null;
        List<String> lines = new ArrayList<>();
        for (String line : output) {
            if (line.startsWith(marker + ":set:")) {
                name = line.substring(marker.length() + ":set:".length());
                lines.clear();
            }
            else if (line.equals(marker + ":end") && name != null) {
                // printf added one newline after the value; the sink split the value's own lines.
                exportedVariables.put(name, String.join("\n", lines));
                name = null;
            }
            else if (name != null) {
                lines.add(line);
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- cache

    private void restoreCache()
            throws IOException, InterruptedException, PhaseEnded
    {
        Optional<Buildspec.Cache> spec = buildspec.cache();
        if (spec.isEmpty() || job.cache().store().isEmpty()) {
            if (spec.isPresent()) {
                engineMessage("The buildspec has a cache, but the project has no cache store; the cache is not used");
            }
            return;
        }
        Buildspec.Cache settings = spec.get();
        Optional<String> key = Optional.empty();
        if (settings.key().isPresent()) {
            key = evaluate(settings.key().get());
            if (key.isEmpty() || key.get().isBlank()) {
                engineMessage("The cache key '" + settings.key().get() + "' could not be evaluated; the cache is not used");
                return;
            }
        }
        List<String> fallbackKeys = new ArrayList<>();
        if (key.isPresent()) {
            for (String fallback : settings.fallbackKeys().subList(0, Math.min(settings.fallbackKeys().size(), BuildCache.MAX_FALLBACK_KEYS))) {
                evaluate(fallback).filter(value -> !value.isBlank()).ifPresent(fallbackKeys::add);
            }
        }
        else if (!settings.fallbackKeys().isEmpty()) {
            engineMessage("Ignoring cache.fallback-keys: they apply only with a cache.key");
        }
        BuildCache buildCache = new BuildCache(job.cache().store().get(), job.cache().namespace().orElse(job.projectName()), settings.paths(), key,
                fallbackKeys);
        cache = Optional.of(buildCache);
        if (settings.action().orElse(null) == Buildspec.CacheAction.SAVE) {
            engineMessage("Not restoring the cache: cache.action is save");
            return;
        }
        try {
            BuildCache.Restored restored = buildCache.restore(cacheRoots());
            restored.messages().forEach(this::engineMessage);
            cacheRestore = Optional.of(new CacheOutcome.Restore(restored.hit(), restored.matchedKey(), restored.size()));
            engineMessage(restored.hit()
                    ? "Cache hit" + restored.matchedKey().map(matched -> " for key " + matched).orElse("") + ": restored " + files(restored.files()) + " (" + restored.size() + " bytes)"
                    : "Cache miss" + key.map(value -> " for key " + value).orElse(""));
        }
        catch (IOException | SlipwayException e) {
            checkControl();
            engineMessage("The cache could not be restored (the build goes on without it): " + e.getMessage());
            cacheRestore = Optional.of(new CacheOutcome.Restore(false, Optional.empty(), 0));
        }
    }

    private void saveCache()
            throws PhaseEnded, InterruptedException
    {
        if (cache.isEmpty() || buildspec.cache().flatMap(Buildspec.Cache::action).orElse(null) == Buildspec.CacheAction.RESTORE) {
            return;
        }
        try {
            BuildCache.Saved saved = cache.get().save(cacheRoots());
            saved.messages().forEach(this::engineMessage);
            cacheSave = Optional.of(new CacheOutcome.Save(saved.saved(), saved.size(), saved.reason()));
            engineMessage(saved.saved()
                    ? "Saved the cache: " + files(saved.files()) + " (" + saved.size() + " bytes)"
                    : "Did not save the cache: " + saved.reason().orElse(""));
        }
        catch (IOException | SlipwayException e) {
            checkControl();
            engineMessage("The cache could not be saved (the build is not failed for it): " + e.getMessage());
            cacheSave = Optional.of(new CacheOutcome.Save(false, 0, Optional.of(String.valueOf(e.getMessage()))));
        }
    }

    private BuildCache.Roots cacheRoots()
            throws IOException, InterruptedException
    {
        Path source = hostWorkspace();
        return new BuildCache.Roots()
        {
            @Override
            public Path sourceDirectory()
            {
                return source;
            }

            @Override
            public Optional<Path> hostPath(String absolutePath)
            {
                return environment.hostPath(absolutePath);
            }
        };
    }

    /** The environment's workspace on the server's disk: shared, or downloaded once. */
    private Path hostWorkspace()
            throws IOException, InterruptedException
    {
        Optional<Path> shared = environment.hostPath(environment.workspacePath());
        if (shared.isPresent()) {
            return shared.get();
        }
        if (downloadedWorkspace == null) {
            Path directory = Files.createTempDirectory("slipway-workspace-");
            environment.download(environment.workspacePath(), directory);
            downloadedWorkspace = directory;
        }
        return downloadedWorkspace;
    }

    // ---------------------------------------------------------------- artifacts

    private List<StatusContext> uploadArtifacts()
            throws Exception
    {
        Optional<Buildspec.Artifacts> spec = buildspec.artifacts();
        Optional<StatusContext> failure = Optional.empty();
        if (spec.isPresent() && job.artifacts().store().isPresent()) {
            ArtifactStore store = job.artifacts().store().get();
            Buildspec.Artifacts primary = spec.get();
            if (job.artifacts().primary().isPresent()) {
                failure = publish(store, Optional.empty(), primary, job.artifacts().primary().get());
            }
            for (Map.Entry<String, Buildspec.Artifacts> secondary : primary.secondaryArtifacts().entrySet()) {
                if (failure.isPresent()) {
                    break;
                }
                ArtifactSettings.Target target = job.artifacts().secondary().get(secondary.getKey());
                if (target == null) {
                    failure = Optional.of(new StatusContext(CLIENT_ERROR, "Secondary artifact '" + secondary.getKey()
                            + "' is not one of the project's secondary artifacts " + job.artifacts().secondary().keySet()));
                    break;
                }
                failure = publish(store, Optional.of(secondary.getKey()), secondary.getValue(), target);
            }
        }
        else if (spec.isPresent()) {
            engineMessage("The project has no artifact store; the buildspec's artifacts are not uploaded");
        }
        saveCache();
        if (failure.isPresent()) {
            throw new PhaseEnded(BuildStatus.FAILED, failure.get());
        }
        return List.of();
    }

    private Optional<StatusContext> publish(ArtifactStore store, Optional<String> identifier, Buildspec.Artifacts spec, ArtifactSettings.Target target)
            throws IOException, InterruptedException, PhaseEnded
    {
        String label = identifier.map(id -> "secondary artifact " + id).orElse("primary artifact");
        boolean links = spec.enableSymlinks() && target.packaging() == ArtifactSettings.Packaging.ZIP;
        CollectedFiles files;
        try {
            files = FileCollector.collect(hostWorkspace(), new ArtifactSpec(spec.files(), spec.baseDirectory(), spec.discardPaths(), spec.excludePaths(), links));
        }
        catch (IllegalArgumentException e) {
            return Optional.of(new StatusContext(CLIENT_ERROR, label + ": " + e.getMessage()));
        }
        files.warnings().forEach(this::engineMessage);
        if (files.isEmpty()) {
            return Optional.of(new StatusContext(CLIENT_ERROR, "no matching artifact paths found"));
        }
        String name = target.name();
        if (target.overrideArtifactName() && spec.name().isPresent()) {
            Optional<String> evaluated = evaluate(spec.name().get());
            if (evaluated.isEmpty() || evaluated.get().isBlank()) {
                return Optional.of(new StatusContext(CLIENT_ERROR, label + ": artifacts.name '" + spec.name().get() + "' could not be evaluated"));
            }
            name = evaluated.get().strip();
        }
        name = name.replaceAll("^/+|/+$", "");
        if (target.packaging() == ArtifactSettings.Packaging.ZIP && !name.endsWith(".zip")) {
            name = name + ".zip";
        }
        String prefix = spec.s3Prefix().or(() -> job.artifacts().keyPrefix()).orElse(job.projectName()).replaceAll("^/+|/+$", "");
        String base = (prefix.isEmpty() ? "" : prefix + "/") + job.buildId() + "/" + name;
        ArtifactMetadata.Builder metadata = ArtifactMetadata.builder()
                .attribute("build-id", job.buildId())
                .attribute("build-arn", variables.getOrDefault("CODEBUILD_BUILD_ARN", ""));
        identifier.ifPresent(id -> metadata.attribute("artifact-identifier", id));
        try {
            engineMessage("Uploading " + label + " " + name + " (" + files(files.files().size()) + ")");
            ArtifactOutcome outcome = switch (target.packaging()) {
                case ZIP -> {
                    ArtifactRef ref;
                    try (InputStream zip = ArchiveStreams.zip(files.files())) {
                        ref = store.put(ArtifactKey.of(base), zip, metadata.contentType("application/zip").build());
                    }
                    yield new ArtifactOutcome(identifier, name, target.packaging(), ref.key().path(), ref.location(), ref.size(), files.files().size(),
                            Optional.of(ref.sha256()));
                }
                case NONE -> {
                    long size = 0;
                    String location = null;
                    for (CollectedFile file : files.files()) {
                        ArtifactRef ref;
                        try (InputStream content = Files.newInputStream(file.source())) {
                            ref = store.put(ArtifactKey.of(base + "/" + file.archivePath()), content, metadata.build());
                        }
                        size += ref.size();
                        location = location == null ? ref.location() : location;
                    }
                    yield new ArtifactOutcome(identifier, name, target.packaging(), base + "/", location, size, files.files().size(), Optional.empty());
                }
            };
            artifacts.add(outcome);
            return Optional.empty();
        }
        catch (IllegalArgumentException e) {
            return Optional.of(new StatusContext(CLIENT_ERROR, label + ": the artifact key is not valid: " + e.getMessage()));
        }
    }

    // ---------------------------------------------------------------- FINALIZING

    private void finalizing()
    {
        begin(BuildPhaseType.FINALIZING, clock.instant());
        List<StatusContext> contexts = new ArrayList<>();
        try {
            findReports();
        }
        catch (Exception | LinkageError e) {
            LOG.info("Build {}: report files could not be read", job.buildId(), e);
            engineMessage("Report files could not be read: " + e.getMessage());
        }
        for (ShellSession session : sessions.values()) {
            closeQuietly(session);
        }
        sessions.clear();
        if (environment != null) {
            if (toolsDirectory != null) {
                environment.hostPath(toolsDirectory).ifPresent(BuildRun::deleteTree);
            }
            closeQuietly(environment);
        }
        if (downloadedWorkspace != null) {
            deleteTree(downloadedWorkspace);
        }
        if (endStatus == null) {
            endStatus = failing ? BuildStatus.FAILED : BuildStatus.SUCCEEDED;
        }
        end(BuildStatus.SUCCEEDED, contexts, List.of());
    }

    private void findReports()
            throws IOException, InterruptedException
    {
        if (buildspec == null || environment == null || buildspec.reports().isEmpty()) {
            return;
        }
        Path root = hostWorkspace();
        for (Buildspec.ReportGroup group : buildspec.reports().values()) {
            CollectedFiles files;
            try {
                files = FileCollector.collect(root, new ArtifactSpec(group.files(), group.baseDirectory(), false, List.of(), false));
            }
            catch (IllegalArgumentException e) {
                engineMessage("Report group " + group.name() + ": " + e.getMessage());
                continue;
            }
            List<Path> hostFiles = files.files().stream().map(CollectedFile::source).sorted(Comparator.naturalOrder()).toList();
            List<String> relative = hostFiles.stream().map(file -> root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/")).toList();
            String groupName = group.name().startsWith("arn:") ? group.name() : job.projectName() + "-" + group.name();
            ReportFiles found = new ReportFiles(group.name(), groupName, group.fileFormat(), relative);
            notify(() -> listener.reportFilesFound(found, hostFiles));
            Optional<ReportFormat> format = ReportFormat.parse(group.fileFormat());
            if (format.isEmpty()) {
                engineMessage("Report group " + groupName + ": file-format " + group.fileFormat() + " is not one Slipway reads; the group is left out");
                continue;
            }
            Report report = relativeProblems(reportParsers.parse(format.get(), hostFiles), root);
            reports.add(new BuildReport(found, report));
            engineMessage("Report group " + groupName + ": " + relative.size() + " " + format.get() + (relative.size() == 1 ? " file, " : " files, ")
                    + BuildReport.summarize(report));
            for (ReportProblem problem : report.problems()) {
                engineMessage("Report group " + groupName + ": " + problem);
            }
        }
    }

    /** The report with its problems naming files relative to the source directory, as the buildspec does. */
    private static Report relativeProblems(Report report, Path root)
    {
        if (report.problems().isEmpty()) {
            return report;
        }
        List<ReportProblem> problems = report.problems().stream()
                .map(problem -> {
                    Path file = Path.of(problem.file());
                    String name = file.isAbsolute() && file.startsWith(root) ? root.relativize(file).toString() : problem.file();
                    return new ReportProblem(name, problem.line(), problem.column(), problem.message());
                })
                .toList();
        if (report instanceof TestReport test) {
            return new TestReport(test.format(), test.status(), test.suites(), test.cases(), test.counts(), test.duration(), test.truncated(), problems);
        }
        CoverageReport coverage = (CoverageReport) report;
        return new CoverageReport(coverage.format(), coverage.status(), coverage.files(), problems);
    }

    // ---------------------------------------------------------------- bookkeeping

    private void begin(BuildPhaseType type, Instant start)
    {
        currentPhase = type;
        phaseStart = start;
        notify(() -> listener.phaseStarted(type, start));
        if (type != BuildPhaseType.COMPLETED) {
            engineMessage("Entering phase " + type);
        }
    }

    private void end(BuildStatus status, List<StatusContext> contexts, List<PhaseAttempt> attempts)
    {
        Instant now = clock.instant();
        PhaseRecord record = new PhaseRecord(currentPhase, phaseStart, now.isBefore(phaseStart) ? phaseStart : now, Optional.of(status), contexts, attempts);
        phases.add(record);
        engineMessage("Phase complete: " + currentPhase + " State: " + status);
        for (StatusContext context : contexts) {
            engineMessage("Phase context status code: " + context.statusCode() + " Message: " + context.message());
        }
        notify(() -> listener.phaseEnded(record));
    }

    /** Ends the running phase with {@code status}; the build ends with it (unless it already has an end status). */
    private void endBuild(BuildStatus status, StatusContext context)
    {
        StatusContext masked = new StatusContext(context.statusCode(), masker.mask(context.message()));
        end(status, List.of(masked), List.of());
        if (endStatus == null) {
            endStatus = status;
        }
    }

    private void engineMessage(String message)
    {
        String masked = masker.mask(message);
        notify(() -> listener.engineMessage(masked));
    }

    private void executorLine(String line)
    {
        String masked = masker.mask(line);
        notify(() -> listener.logLine(masked));
    }

    private void notify(Runnable call)
    {
        try {
            call.run();
        }
        catch (RuntimeException e) {
            LOG.warn("Build listener of {} failed", job.buildId(), e);
        }
    }

    private static String files(int count)
    {
        return count == 1 ? "1 file" : count + " files";
    }

    private static String firstLine(String text)
    {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " …";
    }

    private static void closeQuietly(AutoCloseable closeable)
    {
        try {
            closeable.close();
        }
        catch (Exception | LinkageError e) {
            LOG.warn("Closing {} failed", closeable, e);
        }
    }

    private static void deleteTree(Path root)
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
            LOG.info("Could not delete {}: {}", root, e.toString());
        }
    }

    // ---------------------------------------------------------------- what the executor sees

    private final class Request
            implements EnvironmentRequest
    {
        @Override
        public String buildId()
        {
            return job.buildId();
        }

        @Override
        public Path workspace()
        {
            return job.workspace();
        }

        @Override
        public Optional<String> image()
        {
            return job.environment().image();
        }

        @Override
        public String computeType()
        {
            return job.environment().computeType();
        }

        @Override
        public boolean privileged()
        {
            return job.environment().privileged();
        }
    }

    private final class Context
            implements BuildContext
    {
        @Override
        public String buildId()
        {
            return job.buildId();
        }

        @Override
        public String projectName()
        {
            return job.projectName();
        }

        @Override
        public long buildNumber()
        {
            return job.buildNumber();
        }

        @Override
        public LogSink log()
        {
            return BuildRun.this::executorLine;
        }
    }
}
