package dev.slipway.server.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import dev.slipway.server.buildspec.BuildspecParser;

import static java.util.Objects.requireNonNull;

/**
 * {@code slipway run}: runs a buildspec on this machine with no server, like CodeBuild's local agent but without
 * Docker — the same build engine as the server, on the bundled local executor.
 */
@Command(
        name = "run",
        description = {
                "Runs a buildspec on this machine, without a server: the same build engine as the server, on the local executor.",
                "The source directory is copied into a temporary workspace first (--in-place builds in it directly)."},
        sortOptions = false,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:The build (or every build of a batch) SUCCEEDED.",
                "1:The build FAILED (a command failed, the buildspec is invalid, no artifact matched, ...), or the batch FAILED.",
                "2:The command line was wrong, or the build could not be started.",
                "3:The build FAULTED: the executor, a store or Slipway itself failed.",
                "4:The build TIMED_OUT (--timeout).",
                "130:The build (or batch) was STOPPED (Ctrl-C)."})
public final class RunCommand
        implements Callable<Integer>
{
    private final Supplier<ExecutorLoader> loader;
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help and exits.")
    private boolean help;

    @Option(names = "--buildspec", paramLabel = "FILE", description = "The buildspec to run (default: buildspec.yml in the source directory).")
    private Path buildspec;

    @Option(names = "--source", paramLabel = "DIR", description = "The source directory (default: the current directory).")
    private Path source = Path.of("");

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "A variable that overrides the buildspec's (repeatable).")
    private Map<String, String> variables = new LinkedHashMap<>();

    @Option(names = "--parameter", paramLabel = "NAME=VALUE", description = "The value of an env.parameter-store parameter (repeatable).")
    private Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--secret", paramLabel = "ID=VALUE", description = "The text of an env.secrets-manager secret (repeatable).")
    private Map<String, String> secrets = new LinkedHashMap<>();

    @Option(names = "--secrets-file", paramLabel = "FILE",
            description = "A YAML file with 'parameters:' and 'secrets:' maps, so that values stay out of the command line.")
    private Path secretsFile;

    @Option(names = "--artifacts-dir", paramLabel = "DIR", description = "Where artifacts are written (default: a new temporary directory).")
    private Path artifactsDirectory;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where the buildspec's cache is kept between runs (default: no cache).")
    private Path cacheDirectory;

    @Option(names = "--in-place", description = "Build in the source directory itself instead of a copy (faster; the build can change your files).")
    private boolean inPlace;

    @Option(names = "--timeout", paramLabel = "MIN", description = "The build timeout in minutes, 1 to 2160 (default: 60).")
    private int timeoutMinutes = 60;

    @Option(names = "--no-batch", description = "Runs a buildspec with a batch: section as one build, ignoring the section (as CodeBuild's StartBuild).")
    private boolean noBatch;

    @Option(names = "--parallel", paramLabel = "N", description = "How many builds of a batch run at once (default: the number of cores).")
    private int parallel = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-color", description = "Prints no colours (also when NO_COLOR is set or the output is not a terminal).")
    private boolean noColor;

    @Spec
    private CommandSpec spec;

    /** For picocli: loads the bundled local executor plugin from {@code $SLIPWAY_HOME/plugins} and prints to standard output. */
    public RunCommand()
    {
        this(PluginExecutorLoader::fromEnvironment, bufferedStandardOutput(), System.err);
    }

    /**
     * @param out where the build is printed; a build's output can be large, so pass a buffered stream (it is flushed
     *        as the build goes, never closed)
     */
    RunCommand(ExecutorLoader loader, PrintStream out, PrintStream err)
    {
        this(() -> loader, out, err);
        requireNonNull(loader, "loader is null");
    }

    /** @param loader called once the command line is read, so that nothing is loaded for other commands or --help */
    private RunCommand(Supplier<ExecutorLoader> loader, PrintStream out, PrintStream err)
    {
        this.loader = requireNonNull(loader, "loader is null");
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
    }

    /** @return standard output with a 64 KB buffer, for builds that print a lot */
    static PrintStream bufferedStandardOutput()
    {
        return new PrintStream(new java.io.BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), 64 * 1024), false,
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public Integer call()
    {
        if (!"debug".equals(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"))) {
            // The build's own output is what a person reads here: Slipway's and PF4J's routine log lines would only get
            // in the way (slf4j-simple reads these for every logger created from now on; --debug keeps them all).
            System.setProperty("org.slf4j.simpleLogger.log.dev.slipway", "warn");
            System.setProperty("org.slf4j.simpleLogger.log.org.pf4j", "warn");
        }
        if (timeoutMinutes < 1 || timeoutMinutes > 2160) {
            throw new ParameterException(spec.commandLine(), "--timeout must be 1 to 2160 minutes (36 hours), was " + timeoutMinutes);
        }
        if (parallel < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel must be at least 1, was " + parallel);
        }
        Map<String, String> allParameters = new LinkedHashMap<>();
        Map<String, String> allSecrets = new LinkedHashMap<>();
        if (secretsFile != null) {
            try {
                SecretsFile.Values values = SecretsFile.read(secretsFile.toAbsolutePath());
                allParameters.putAll(values.parameters());
                allSecrets.putAll(values.secrets());
            }
            catch (RunSetupException e) {
                err.println("slipway run: " + e.getMessage());
                return RunExitCodes.NOT_STARTED;
            }
        }
        // Flags win over the file, as the command line is the more specific place.
        allParameters.putAll(parameters);
        allSecrets.putAll(secrets);
        boolean color = !noColor && System.getenv("NO_COLOR") == null && System.console() != null;
        RunOptions options = new RunOptions(
                Optional.ofNullable(buildspec).map(path -> path.toAbsolutePath().normalize()),
                source.toAbsolutePath().normalize(),
                variables,
                allParameters,
                allSecrets,
                Optional.ofNullable(artifactsDirectory).map(path -> path.toAbsolutePath().normalize()),
                Optional.ofNullable(cacheDirectory).map(path -> path.toAbsolutePath().normalize()),
                inPlace,
                Duration.ofMinutes(timeoutMinutes),
                color,
                noBatch,
                parallel);
        return new LocalRun(loader.get(), new BuildspecParser(), out, err).run(options);
    }
}
