package dev.slipway.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code slipway run} as a user runs it: a new JVM ({@code java -cp … dev.slipway.server.bootstrap.Main run}, which is
 * what {@code bin/slipway run} starts), loading the bundled local executor plugin from {@code $SLIPWAY_HOME/plugins}
 * through the plugin runtime. Wall time from process start to exit, output to {@code /dev/null}.
 */
final class SlipwayRunBenchmark
{
    private final Path java;
    private final String classPath;
    private final Path home;
    private final Path scratch;

    SlipwayRunBenchmark(Path java, String classPath, Path home, Path scratch)
    {
        this.java = java;
        this.classPath = classPath;
        this.home = home;
        this.scratch = scratch;
    }

    List<String> run(int runs)
            throws IOException, InterruptedException
    {
        List<String> rows = new ArrayList<>();
        Path trivial = source("trivial", "version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n");
        rows.add(EngineBenchmarks.row("`slipway run` of the trivial build, wall incl. JVM start", times(trivial, 2, runs), runs
                + " runs after 2 warm-up runs; `java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp … Main run`", false));
        String produce = "yes '" + "x".repeat(99) + "' | head -c " + 50L * 1024 * 1024;
        Path printing = source("printing", "version: 0.2\nphases:\n  build:\n    commands:\n      - \"" + produce + "\"\n");
        Path quiet = source("quiet", "version: 0.2\nphases:\n  build:\n    commands:\n      - \"" + produce + " > /dev/null\"\n");
        List<Long> printed = new ArrayList<>();
        List<Long> discarded = new ArrayList<>();
        int pairs = Math.max(3, runs / 3);
        for (int i = 0; i < pairs; i++) {
            printed.add(once(printing));
            discarded.add(once(quiet));
        }
        rows.add(EngineBenchmarks.row("`slipway run` printing 50 MB (stdout to /dev/null)", printed, pairs + " runs, interleaved with the next row", false));
        rows.add(EngineBenchmarks.row("`slipway run`, the same command writing to /dev/null", discarded, pairs + " runs", false));
        return rows;
    }

    private Path source(String name, String buildspec)
            throws IOException
    {
        Path source = Files.createDirectories(scratch.resolve("run-sources").resolve(name));
        Files.writeString(source.resolve("buildspec.yml"), buildspec);
        return source;
    }

    private List<Long> times(Path source, int warmUp, int runs)
            throws IOException, InterruptedException
    {
        for (int i = 0; i < warmUp; i++) {
            once(source);
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(once(source));
        }
        return times;
    }

    private long once(Path source)
            throws IOException, InterruptedException
    {
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath,
                "dev.slipway.server.bootstrap.Main", "run", "--source", source.toString(), "--no-color")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SLIPWAY_HOME", home.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("slipway run did not end within 10 minutes");
        }
        long elapsed = System.nanoTime() - start;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("slipway run exited with " + process.exitValue() + " for " + source);
        }
        return elapsed;
    }
}
