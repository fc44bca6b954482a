package dev.slipway.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.slipway.api.ExtensionContext;
import dev.slipway.api.executor.BuildContext;
import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.EnvironmentRequest;
import dev.slipway.api.executor.Executor;
import dev.slipway.api.executor.LogSink;
import dev.slipway.api.executor.ShellOptions;
import dev.slipway.api.executor.ShellSession;
import dev.slipway.plugins.localexecutor.LocalExecutorFactory;
import dev.slipway.server.build.engine.BuildControl;
import dev.slipway.server.build.engine.BuildEngine;
import dev.slipway.server.build.engine.BuildEngineSettings;
import dev.slipway.server.build.engine.BuildJob;
import dev.slipway.server.build.engine.BuildListener;
import dev.slipway.server.build.engine.BuildResult;
import dev.slipway.server.build.engine.BuildStatus;
import dev.slipway.server.build.engine.BuildspecParsing;
import dev.slipway.server.build.engine.EnvironmentVariable;
import dev.slipway.server.buildspec.BuildspecParser;
import dev.slipway.server.secret.SecretMasker;
import dev.slipway.server.secret.StaticSecretResolver;

/**
 * The build engine's performance figures, printed as a Markdown table. Run by {@code benchmarks/run-benchmarks.sh};
 * every scenario warms up first and reports the median (and the 90th percentile) of many runs on the real local
 * executor with real shells:
 * <ul>
 *   <li>{@code shell alone}: what the executor alone costs for a trivial command — provision, open a bash session,
 *       run {@code echo hi}, close — the floor under any build;</li>
 *   <li>{@code trivial build in-process}: {@link BuildEngine#run} of a buildspec whose only command is
 *       {@code echo hi}, every phase included (JVM already running); target ≤ 10 ms; and the engine's own share,
 *       the difference to the shell alone;</li>
 *   <li>{@code slipway run}: {@code java … Main run} of the same buildspec, wall time including JVM start and plugin
 *       loading (only when given the command line to run, see {@code run-benchmarks.sh});</li>
 *   <li>{@code 50 MB of output}: a build whose command prints 50 MB of log lines, which the engine masks (one secret
 *       registered) and hands to a listener, against the same command writing to {@code /dev/null}; target ≤ 1.2×;</li>
 *   <li>{@code masking}: {@link SecretMasker#mask} throughput on typical log lines.</li>
 * </ul>
 */
public final class EngineBenchmarks
{
    private static final String LINE = "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/example/artifact/1.0/artifact-1.0.pom";
    private static final long FIFTY_MB = 50L * 1024 * 1024;

    private final Path scratch;
    private final Executor executor;
    private final BuildEngine engine;
    private final List<String> rows = new ArrayList<>();

    private EngineBenchmarks(Path scratch)
            throws IOException
    {
        this.scratch = scratch;
        this.executor = localExecutor(Files.createDirectories(scratch.resolve("executor-data")));
        this.engine = new BuildEngine(BuildEngineSettings.DEFAULT, BuildspecParsing.of(new BuildspecParser()));
    }

    /**
     * @param arguments {@code --quick} for fewer repetitions; {@code --trivial-only} for the trivial build alone;
     *        {@code --slipway-run <java> <class path> <home>} to also time {@code slipway run} in child JVMs
     */
    public static void main(String[] arguments)
            throws Exception
    {
        boolean quick = List.of(arguments).contains("--quick");
        Path scratch = Files.createTempDirectory("slipway-benchmarks-");
        try {
            EngineBenchmarks benchmarks = new EngineBenchmarks(scratch);
            int runs = quick ? 30 : 200;
            benchmarks.trivialBuild(runs);
            int index = List.of(arguments).indexOf("--slipway-run");
            if (index >= 0) {
                SlipwayRunBenchmark child = new SlipwayRunBenchmark(Path.of(arguments[index + 1]), arguments[index + 2], Path.of(arguments[index + 3]), scratch);
                benchmarks.rows.addAll(child.run(quick ? 5 : 15));
            }
            if (!List.of(arguments).contains("--trivial-only")) {
                benchmarks.fiftyMegabytes(quick ? 3 : 7);
                benchmarks.masking(quick ? 20 : 100);
            }
            benchmarks.close();
            System.out.println();
            System.out.println("| scenario | median | p90 | notes |");
            System.out.println("|---|---|---|---|");
            benchmarks.rows.forEach(System.out::println);
        }
        finally {
            deleteTree(scratch);
        }
    }

    private void close()
    {
        engine.close();
        executor.close();
    }

    // ---------------------------------------------------------------- scenarios

    /**
     * The bare shell and the trivial build, interleaved (shell, build, shell, build, …) so that both see the same
     * machine load; the engine's own share is the median of the per-pair differences.
     */
    private void trivialBuild(int runs)
            throws IOException
    {
        Path workspace = Files.createDirectories(scratch.resolve("shell"));
        String buildspec = "version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n";
        List<Long> shells = new ArrayList<>();
        List<Long> builds = new ArrayList<>();
        List<Long> differences = new ArrayList<>();
        for (int i = -runs / 4; i < runs; i++) {
            long shell = bareShell(workspace);
            BuildResult result = build(buildspec, Map.of(), BuildListener.none());
            check(result);
            long build = result.duration().toNanos();
            if (i >= 0) {
                shells.add(shell);
                builds.add(build);
                differences.add(build - shell);
            }
        }
        row("shell alone: provision, open bash, `echo hi`, close", shells, runs + " runs after " + runs / 4 + " warm-up runs, interleaved with the next row");
        row("trivial build (`echo hi`) in-process: BuildEngine.run, all phases", builds, runs + " builds; target ≤ 10 ms");
        row("the engine's own share (build − shell, per pair)", differences, "what the engine adds to the executor's shell");
    }

    private long bareShell(Path workspace)
    {
        long start = System.nanoTime();
        try (BuildEnvironment environment = executor.provision(request(workspace), context());
                ShellSession shell = environment.openShell(ShellOptions.builder(workspace.toString()).build())) {
            shell.run("echo hi", LogSink.discard(), Duration.ofMinutes(1));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return System.nanoTime() - start;
    }

    private void fiftyMegabytes(int runs)
    {
        // A program that formats 50 MB of log lines, as a verbose build tool does: what builds really print.
        String formatted = "awk 'BEGIN { for (i = 0; i < 520000; i++) printf \\\"[INFO] %07d Downloading from central: "
                + "https://repo.maven.apache.org/maven2/org/example/a-%d.pom\\\\n\\\", i, i }'";
        fiftyMegabytes(runs, "awk printing 50 MB of formatted log lines", formatted);
        // Output that costs nothing to make: what the engine itself costs per byte.
        fiftyMegabytes(runs, "`yes | head -c 50M` (free to produce)", "yes '" + LINE.substring(0, 99) + "' | head -c " + FIFTY_MB);
    }

    private void fiftyMegabytes(int runs, String what, String produce)
    {
        String toListener = "version: 0.2\nphases:\n  build:\n    commands:\n      - \"" + produce + "\"\n";
        String toDevNull = "version: 0.2\nphases:\n  build:\n    commands:\n      - \"" + produce + " > /dev/null\"\n";
        List<Long> printed = new ArrayList<>();
        List<Long> discarded = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < runs + 1; i++) {
            CountingListener counting = new CountingListener();
            // One registered secret: the masker is active, as in real builds.
            BuildResult shown = build(toListener, Map.of("/bench/token", "s3cr3t-token-value"), counting);
            check(shown);
            if (counting.bytes.get() < FIFTY_MB) {
                throw new IllegalStateException("the listener got " + counting.bytes.get() + " bytes, not 50 MB");
            }
            BuildResult hidden = build(toDevNull, Map.of("/bench/token", "s3cr3t-token-value"), BuildListener.none());
            check(hidden);
            if (i > 0) {
                // The first pair warms up.
                printed.add(shown.duration().toNanos());
                discarded.add(hidden.duration().toNanos());
                ratios.add(shown.duration().toNanos() / (double) hidden.duration().toNanos());
            }
        }
        row("build: " + what + ", masked, to a listener", printed, runs + " builds, interleaved with the next row");
        row("build: the same command writing to /dev/null", discarded, runs + " builds");
        ratios.sort(Comparator.naturalOrder());
        rows.add(String.format(Locale.ROOT, "| ratio printed / /dev/null | %.2f× | %.2f× | median and p90 of the per-pair ratios; target ≤ 1.2× |",
                ratios.get(ratios.size() / 2), ratios.get((int) Math.min(ratios.size() - 1, Math.ceil(ratios.size() * 0.9) - 1))));
    }

    private void masking(int rounds)
    {
        byte[] key = new byte[2300];
        new Random(1).nextBytes(key);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key) + "\n-----END PRIVATE KEY-----";
        List<String> secrets = new ArrayList<>(List.of(pem));
        for (int i = 0; i < 20; i++) {
            secrets.add("secret-value-" + UUID.randomUUID());
        }
        for (Map.Entry<String, SecretMasker> entry : Map.of(
                "1 short secret", SecretMasker.of(List.of("s3cr3t-token-value")),
                "21 secrets incl. a 3 KB PEM key", SecretMasker.of(secrets)).entrySet()) {
            SecretMasker masker = entry.getValue();
            int linesPerRound = 10 * 1024 * 1024 / LINE.length();
            List<Long> times = repeat(rounds / 5, rounds, () -> {
                long start = System.nanoTime();
                int changed = 0;
                for (int i = 0; i < linesPerRound; i++) {
                    if (masker.mask(LINE) != LINE) {
                        changed++;
                    }
                }
                if (changed != 0) {
                    throw new IllegalStateException("masked a line without secrets");
                }
                return System.nanoTime() - start;
            });
            times.sort(Comparator.naturalOrder());
            double megabytesPerSecond = (linesPerRound * (double) LINE.length() / (1024 * 1024)) / (times.get(times.size() / 2) / 1e9);
            rows.add(String.format(Locale.ROOT, "| masking, %s | %.0f MB/s | | 10 MB of 113-character log lines per round, %d rounds; median |",
                    entry.getKey(), megabytesPerSecond, rounds));
        }
    }

    // ---------------------------------------------------------------- helpers

    private BuildResult build(String buildspec, Map<String, String> parameters, BuildListener listener)
    {
        Path workspace;
        try {
            workspace = Files.createDirectories(scratch.resolve("builds").resolve(UUID.randomUUID().toString()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BuildJob.Builder job = BuildJob.builder("bench:" + UUID.randomUUID(), 1, "bench", workspace, executor)
                .inlineBuildspec(buildspec)
                .secrets(new StaticSecretResolver(parameters, Map.of()));
        parameters.keySet().forEach(name -> job.projectVariable(new EnvironmentVariable("TOKEN", name, EnvironmentVariable.Type.PARAMETER_STORE)));
        try {
            return engine.run(job.build(), listener, new BuildControl());
        }
        finally {
            deleteTree(workspace);
        }
    }

    private static void check(BuildResult result)
    {
        if (result.status() != BuildStatus.SUCCEEDED) {
            throw new IllegalStateException("A benchmark build ended " + result.status() + ": " + result.phases());
        }
    }

    private static List<Long> repeat(int warmUp, int runs, LongSupplier run)
    {
        for (int i = 0; i < warmUp; i++) {
            run.getAsLong();
        }
        List<Long> times = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            times.add(run.getAsLong());
        }
        return times;
    }

    private void row(String scenario, List<Long> nanos, String notes)
    {
        rows.add(row(scenario, nanos, notes, false));
    }

    static String row(String scenario, List<Long> nanos, String notes, boolean seconds)
    {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(Comparator.naturalOrder());
        long median = sorted.get(sorted.size() / 2);
        long p90 = sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.9) - 1));
        return String.format(Locale.ROOT, "| %s | %s | %s | %s |", scenario, format(median, seconds), format(p90, seconds), notes);
    }

    private static String format(long nanos, boolean seconds)
    {
        return seconds || nanos >= TimeUnit.SECONDS.toNanos(1)
                ? String.format(Locale.ROOT, "%.2f s", nanos / 1e9)
                : String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    private static final class CountingListener
            implements BuildListener
    {
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void logLine(String line)
        {
            bytes.addAndGet(line.length() + 1);
        }
    }

    private static Executor localExecutor(Path dataDirectory)
    {
        LocalExecutorFactory factory = new LocalExecutorFactory();
        Logger logger = LoggerFactory.getLogger("slipway.benchmarks.local-executor");
        ExtensionContext context = new ExtensionContext()
        {
            @Override
            public String pluginId()
            {
                return "local-executor";
            }

            @Override
            public String extensionId()
            {
                return factory.id();
            }

            @Override
            public String serverVersion()
            {
                return "0.1.0";
            }

            @Override
            public Path serverDataDirectory()
            {
                return dataDirectory;
            }

            @Override
            public Path dataDirectory()
            {
                return dataDirectory;
            }

            @Override
            public Logger logger()
            {
                return logger;
            }
        };
        return factory.create(factory.configSchema().bind(Map.of()), context);
    }

    private static EnvironmentRequest request(Path workspace)
    {
        return new EnvironmentRequest()
        {
            @Override
            public String buildId()
            {
                return "bench:shell";
            }

            @Override
            public Path workspace()
            {
                return workspace;
            }

            @Override
            public java.util.Optional<String> image()
            {
                return java.util.Optional.empty();
            }

            @Override
            public String computeType()
            {
                return "BUILD_GENERAL1_SMALL";
            }

            @Override
            public boolean privileged()
            {
                return false;
            }
        };
    }

    private static BuildContext context()
    {
        return new BuildContext()
        {
            @Override
            public String buildId()
            {
                return "bench:shell";
            }

            @Override
            public String projectName()
            {
                return "bench";
            }

            @Override
            public long buildNumber()
            {
                return 1;
            }

            @Override
            public LogSink log()
            {
                return LogSink.discard();
            }
        };
    }

    static void deleteTree(Path root)
    {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException | UncheckedIOException e) {
            // Left in the temporary directory.
        }
    }
}
