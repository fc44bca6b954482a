package dev.slipway.server.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.slipway.server.build.engine.ArtifactSettings;
import dev.slipway.server.build.engine.BuildControl;
import dev.slipway.server.build.engine.BuildEngine;
import dev.slipway.server.build.engine.BuildEngineSettings;
import dev.slipway.server.build.engine.BuildJob;
import dev.slipway.server.build.engine.BuildResult;
import dev.slipway.server.build.engine.BuildspecLocation;
import dev.slipway.server.build.engine.BuildspecParsing;
import dev.slipway.server.build.engine.CacheSettings;
import dev.slipway.server.build.engine.DirectorySource;
import dev.slipway.server.build.engine.EnvironmentVariable;
import dev.slipway.server.buildspec.Buildspec;
import dev.slipway.server.buildspec.BuildspecParser;
import dev.slipway.server.secret.StaticSecretResolver;

import static java.util.Objects.requireNonNull;

/**
 * One {@code slipway run}: prepares the workspace (a copy of the source, or the source itself with
 * {@code --in-place}), the artifact and cache directories and the secrets, runs the build with the same
 * {@link BuildEngine} as the server, prints it as it runs and a summary at the end, and answers the exit status.
 * A JVM shutdown (Ctrl-C, SIGTERM) stops the build cleanly — the engine kills the build's whole process tree — and
 * waits for the summary before the JVM ends.
 */
final class LocalRun
{
    /** How long a shutdown waits for a stopped build to finish its FINALIZING and print its summary. */
    private static final long SHUTDOWN_WAIT_SECONDS = 30;

    private final ExecutorLoader loader;
    private final BuildspecParser parser;
    private final PrintStream out;
    private final PrintStream err;

    LocalRun(ExecutorLoader loader, BuildspecParser parser, PrintStream out, PrintStream err)
    {
        this.loader = requireNonNull(loader, "loader is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
    }

    /** @return the exit status ({@link RunExitCodes}) */
    int run(RunOptions options)
    {
        try {
            return runChecked(options);
        }
        catch (RunSetupException e) {
            err.println("slipway run: " + e.getMessage());
            err.flush();
            return RunExitCodes.NOT_STARTED;
        }
    }

    private int runChecked(RunOptions options)
            throws RunSetupException
    {
        Path source = options.source();
        if (!Files.isDirectory(source)) {
            throw new RunSetupException("the source directory " + source + " does not exist or is not a directory; give one with --source DIR");
        }
        String project = projectName(source);
        String buildId = project + ":" + UUID.randomUUID();
        BuildspecLocation buildspec = buildspecLocation(options, source);
        Optional<Buildspec> model = preview(buildspec, source);

        Path scratch;
        try {
            scratch = Files.createTempDirectory("slipway-run-");
        }
        catch (IOException e) {
            throw new RunSetupException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        try (ExecutorLoader.LoadedExecutor executor = loader.load()) {
            Path workspace = options.inPlace() ? source : Files.createDirectories(scratch.resolve("src"));
            Path artifactsDirectory = options.artifactsDirectory().orElse(scratch.resolve("artifacts"));
            DirectoryArtifactStore artifacts = new DirectoryArtifactStore(artifactsDirectory, project + "/" + buildId + "/");
            Map<String, ArtifactSettings.Target> secondary = new LinkedHashMap<>();
            model.flatMap(Buildspec::artifacts).ifPresent(spec -> spec.secondaryArtifacts().keySet()
                    .forEach(identifier -> secondary.put(identifier, new ArtifactSettings.Target(identifier, ArtifactSettings.Packaging.ZIP, true))));
            BuildJob.Builder job = BuildJob.builder(buildId, 1, project, workspace, executor.executor())
                    .initiator(Optional.ofNullable(System.getenv("USER")).filter(user -> !user.isBlank()).orElse("slipway-run"))
                    .source(new DirectorySource(source, Optional.empty(), Optional.of(source.toUri().toString())))
                    .buildspec(buildspec)
                    .secrets(new StaticSecretResolver(options.parameters(), options.secrets()))
                    .artifacts(new ArtifactSettings(Optional.of(artifacts), Optional.of(new ArtifactSettings.Target(project, ArtifactSettings.Packaging.ZIP, true)),
                            secondary, Optional.empty()))
                    .timeout(options.timeout());
            if (options.cacheDirectory().isPresent()) {
                job.cache(new CacheSettings(Optional.of(new DirectoryArtifactStore(options.cacheDirectory().get(), "")), Optional.of(project)));
            }
            options.variables().forEach((name, value) -> job.overrideVariable(EnvironmentVariable.plain(name, value)));

            if (model.flatMap(Buildspec::batch).isPresent() && !options.noBatch()) {
                // Each child gets a copy of the source and its own artifacts directory (<artifacts>/<child build id>/).
                DirectoryArtifactStore batchArtifacts = new DirectoryArtifactStore(artifactsDirectory, project + "/");
                job.artifacts(new ArtifactSettings(Optional.of(batchArtifacts), Optional.of(new ArtifactSettings.Target(project,
                        ArtifactSettings.Packaging.ZIP, true)), secondary, Optional.empty()));
                out.println("slipway run: batch of " + describe(buildspec, source) + ", up to " + options.parallel() + " builds at once");
                return new LocalBatch(out, options.color(), parser).run(job.build(), options.parallel(), Files.createDirectories(scratch.resolve("children")));
            }
            out.println("slipway run: " + describe(buildspec, source) + (options.inPlace() ? " (in place)" : " (copied to " + workspace + ")")
                    + (model.flatMap(Buildspec::batch).isPresent() ? "; --no-batch: the batch section is ignored" : ""));
            return build(job.build(), options);
        }
        catch (IOException e) {
            throw new RunSetupException("cannot prepare the build: " + e.getMessage(), e);
        }
        finally {
            deleteTree(scratch.resolve("src"));
            deleteTree(scratch.resolve("children"));
            if (options.artifactsDirectory().isPresent()) {
                deleteTree(scratch);
            }
        }
    }

    private int build(BuildJob job, RunOptions options)
    {
        BuildControl control = new BuildControl();
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopOnShutdown = new Thread(() -> {
            control.stop("Stopped: slipway run was interrupted (Ctrl-C or SIGTERM)");
            try {
                // The JVM ends when this hook returns; let the build kill its processes and print its summary first.
                finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "slipway-run-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnShutdown);
        try (ConsoleListener console = new ConsoleListener(out, options.color());
                BuildEngine engine = new BuildEngine(BuildEngineSettings.DEFAULT, BuildspecParsing.of(parser))) {
            BuildResult result = engine.run(job, console, control);
            RunSummary.lines(result, console).forEach(console::println);
            return RunExitCodes.of(result.status());
        }
        finally {
            out.flush();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnShutdown);
            }
            catch (IllegalStateException e) {
                // The JVM is shutting down: the hook is running and returns now that the build is over.
            }
        }
    }

    /**
     * {@code --buildspec} inside the source is read from the build's copy of the source, as CodeBuild reads it; a file
     * elsewhere is read from where it is. Either way the engine reads it in DOWNLOAD_SOURCE and reports its problems.
     */
    private BuildspecLocation buildspecLocation(RunOptions options, Path source)
            throws RunSetupException
    {
        if (options.buildspec().isEmpty()) {
            if (!Files.isRegularFile(source.resolve("buildspec.yml"))) {
                throw new RunSetupException("there is no buildspec.yml in " + source + "; give the buildspec with --buildspec FILE");
            }
            return BuildspecLocation.DEFAULT;
        }
        Path file = options.buildspec().get();
        if (!Files.isRegularFile(file)) {
            throw new RunSetupException("the buildspec " + file + " does not exist or is not a file");
        }
        if (file.startsWith(source)) {
            return new BuildspecLocation.InSource(source.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"));
        }
        return new BuildspecLocation.HostFile(file);
    }

    /** The buildspec's model, when it parses, for what the project settings need to know up front (secondary artifact ids). */
    private Optional<Buildspec> preview(BuildspecLocation location, Path source)
    {
        Path file = location instanceof BuildspecLocation.HostFile hostFile ? hostFile.file() : source.resolve(((BuildspecLocation.InSource) location).path());
        try {
            return parser.parse(file).buildspec();
        }
        catch (IOException e) {
            // The engine reads it again and reports the problem as the build's.
            return Optional.empty();
        }
    }

    private static String describe(BuildspecLocation location, Path source)
    {
        return location instanceof BuildspecLocation.HostFile hostFile ? hostFile.file() + " on " + source
                : ((BuildspecLocation.InSource) location).path() + " in " + source;
    }

    /** The project name builds of this source get: the directory's name, as CodeBuild allows project names. */
    static String projectName(Path source)
    {
        Path name = source.getFileName();
        String text = name == null ? "" : name.toString().replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^[-_]+|-+$", "");
        if (text.length() < 2) {
            return "local";
        }
        return text.length() > 100 ? text.substring(0, 100) : text;
    }

    private static void deleteTree(Path root)
    {
        if (!Files.exists(root)) {
            return;
        }
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
