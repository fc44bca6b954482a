package dev.slipway.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Cold start and idle memory of the unpacked distribution: {@code bin/slipway server} started as a new process, timed
 * from just before the process starts until {@code GET /api/v1/health} first answers 200 with status UP; then 15
 * requests (what a console visit sends), {@code --idle} seconds of idling, and the resident set size (RSS, and PSS)
 * summed over the server's process tree; then SIGTERM and the time to exit. Medians of {@code --runs} runs.
 *
 * <p>The data directory is created and migrated by one untimed start first, so the timed starts are restarts of an
 * existing installation, as they will be in practice ({@code --fresh-data} gives every run an empty one instead). The
 * page cache is warm; the JVM is new every time. {@code SLIPWAY_JAVA_OPTS} and {@code SLIPWAY_CDS} in the environment
 * reach the launcher, for comparing variants.
 *
 * <pre>
 * java benchmarks/src/main/java/dev/slipway/benchmarks/StartupBenchmark.java [--home distribution/target/slipway]
 *      [--runs 5] [--idle 10] [--fresh-data]
 * </pre>
 *
 * Linux only (it reads {@code /proc}). Not a test: nothing here runs in {@code mvn verify}.
 */
public final class StartupBenchmark
{
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final List<String> VISIT = List.of("/api/v1/health", "/", "/api/v1/plugins", "/api/v1/openapi.json", "/plugins");

    private record Run(double startSeconds, double cpuSeconds, double rssMiB, double pssMiB, double stopSeconds, int exitCode) {}

    private StartupBenchmark() {}

    public static void main(String[] args)
            throws Exception
    {
        Path home = Path.of("distribution/target/slipway");
        int runs = 5;
        int idleSeconds = 10;
        boolean freshData = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--idle" -> idleSeconds = Integer.parseInt(args[++i]);
                case "--fresh-data" -> freshData = true;
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                        + "; usage: StartupBenchmark [--home DIR] [--runs N] [--idle SECONDS] [--fresh-data]");
            }
        }
        home = home.toAbsolutePath().normalize();
        Path launcher = home.resolve("bin/slipway");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException(launcher + " does not exist; build the distribution first (mvn -B -DskipTests package)");
        }
        Path work = Files.createTempDirectory("slipway-startup-");
        System.out.printf(Locale.ROOT, "home %s, %d runs, %d s idle, SLIPWAY_JAVA_OPTS=%s, SLIPWAY_CDS=%s, load average %s%n", home, runs, idleSeconds,
                describe(System.getenv("SLIPWAY_JAVA_OPTS")), describe(System.getenv("SLIPWAY_CDS")), loadAverage());
        try {
            if (!freshData) {
                Run warmUp = run(launcher, work.resolve("data"), work.resolve("warm-up.log"), 0);
                System.out.printf(Locale.ROOT, "untimed first start (creates the database): %.2f s%n", warmUp.startSeconds());
            }
            List<Run> results = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                Path data = freshData ? work.resolve("data-" + i) : work.resolve("data");
                Run run = run(launcher, data, work.resolve("run-" + i + ".log"), idleSeconds);
                results.add(run);
                System.out.printf(Locale.ROOT, "run %d: start %.2f s, CPU %.2f s, idle RSS %.0f MiB (PSS %.0f), stop %.2f s, exit %d%n", i, run.startSeconds(),
                        run.cpuSeconds(), run.rssMiB(), run.pssMiB(), run.stopSeconds(), run.exitCode());
            }
            System.out.printf(Locale.ROOT, "median of %d: start %.2f s [%.2f-%.2f], CPU %.2f s, idle RSS %.0f MiB [%.0f-%.0f], PSS %.0f MiB, stop %.2f s; load average %s%n",
                    runs, median(results, Run::startSeconds), min(results, Run::startSeconds), max(results, Run::startSeconds), median(results, Run::cpuSeconds),
                    median(results, Run::rssMiB), min(results, Run::rssMiB), max(results, Run::rssMiB), median(results, Run::pssMiB),
                    median(results, Run::stopSeconds), loadAverage());
        }
        finally {
            deleteTree(work);
        }
    }

    private static Run run(Path launcher, Path data, Path log, int idleSeconds)
            throws IOException, InterruptedException
    {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "server").redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SLIPWAY_SERVER_PORT", Integer.toString(port));
        builder.environment().put("SLIPWAY_DATA", data.toString());
        long begin = System.nanoTime();
        Process server = builder.start();
        try {
            awaitHealthy(server, port, log);
            double startSeconds = (System.nanoTime() - begin) / 1e9;
            double cpuSeconds = cpuSeconds(server.toHandle());
            for (int i = 0; i < 3; i++) {
                for (String path : VISIT) {
                    get(port, path);
                }
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
            double rss = memoryKiB(server.toHandle(), "/status", "VmRSS:") / 1024.0;
            double pss = memoryKiB(server.toHandle(), "/smaps_rollup", "Pss:") / 1024.0;
            long stopBegin = System.nanoTime();
            server.destroy();
            if (!server.waitFor(START_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("The server did not stop within a minute of SIGTERM; see " + log);
            }
            return new Run(startSeconds, cpuSeconds, rss, pss, (System.nanoTime() - stopBegin) / 1e9, server.exitValue());
        }
        finally {
            if (server.isAlive()) {
                server.destroyForcibly();
            }
        }
    }

    private static void awaitHealthy(Process server, int port, Path log)
            throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("The server exited with " + server.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                String response = get(port, "/api/v1/health");
                if (response.startsWith("HTTP/1.1 200") && response.contains("\"status\":\"UP\"")) {
                    return;
                }
            }
            catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("The server did not become healthy within " + START_DEADLINE.toSeconds() + " s; see " + log);
    }

    /** A plain HTTP/1.1 GET over a socket: no client library whose own start-up would count. */
    private static String get(int port, String path)
            throws IOException
    {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static double cpuSeconds(ProcessHandle process)
    {
        // utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
        return tree(process).mapToDouble(handle -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
            }
            catch (IOException e) {
                return 0;
            }
        }).sum();
    }

    private static double memoryKiB(ProcessHandle process, String file, String field)
    {
        return tree(process).mapToDouble(handle -> {
            try (Stream<String> lines = Files.lines(Path.of("/proc/" + handle.pid() + file))) {
                return lines.filter(line -> line.startsWith(field))
                        .mapToDouble(line -> Double.parseDouble(line.substring(field.length()).trim().split("\\s+")[0]))
                        .sum();
            }
            catch (IOException e) {
                return 0;
            }
        }).sum();
    }

    private static Stream<ProcessHandle> tree(ProcessHandle process)
    {
        return Stream.concat(Stream.of(process), process.descendants());
    }

    private static String loadAverage()
    {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (IOException e) {
            return "unknown";
        }
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value)
    {
        double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double min(List<Run> runs, ToDoubleFunction<Run> value)
    {
        return runs.stream().mapToDouble(value).min().orElse(Double.NaN);
    }

    private static double max(List<Run> runs, ToDoubleFunction<Run> value)
    {
        return runs.stream().mapToDouble(value).max().orElse(Double.NaN);
    }

    private static String describe(String value)
    {
        return value == null ? "(unset)" : "'" + value + "'";
    }

    private static int freePort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root)
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
