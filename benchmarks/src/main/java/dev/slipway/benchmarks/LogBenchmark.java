package dev.slipway.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.slipway.server.bootstrap.SlipwayServer;
import dev.slipway.server.build.log.BuildLogStore;
import dev.slipway.server.build.log.BuildLogWriter;
import dev.slipway.server.config.ConfigLoader;

/**
 * The build log benchmark of issue #4, against a real server on loopback:
 * <ol>
 * <li>writes a 100 MB log (about 1.2 M lines) through the log store and reports the write rate;</li>
 * <li>restarts the server and times the first tail request (it checks the log's index), then times tail requests
 *     of 1,000 lines and range requests of 1,000 lines at random places over HTTP;</li>
 * <li>writes 50 MB as fast as the writer takes it, with no viewer and with live SSE viewers ({@code curl -N}
 *     processes), and reports the writer's time, the time until the last viewer has the whole log, and checks that
 *     every viewer got every byte.</li>
 * </ol>
 * The 50 MB are written twice over: as fast as the writer takes them (the worst case: the viewers compete with the
 * writer for the CPU) and paced at a steady rate, as a build prints.
 * Arguments (all optional): {@code --log-mb=100 --stream-mb=50 --viewers=5 --requests=200 --rounds=3
 * --paced-mb-per-s=25}.
 */
public final class LogBenchmark
{
    private static final int LINE_POOL = 8_192;

    private final int logMegabytes;
    private final int streamMegabytes;
    private final int viewers;
    private final int requests;
    private final int rounds;
    private final int pacedMegabytesPerSecond;
    private final List<String> pool;
    private final int[] poolBytes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LogBenchmark(Map<String, Integer> options)
    {
        this.logMegabytes = options.getOrDefault("log-mb", 100);
        this.streamMegabytes = options.getOrDefault("stream-mb", 50);
        this.viewers = options.getOrDefault("viewers", 5);
        this.requests = options.getOrDefault("requests", 200);
        this.rounds = options.getOrDefault("rounds", 3);
        this.pacedMegabytesPerSecond = options.getOrDefault("paced-mb-per-s", 25);
        this.pool = linePool();
        this.poolBytes = pool.stream().mapToInt(line -> line.getBytes(StandardCharsets.UTF_8).length).toArray();
    }

    public static void main(String[] arguments)
            throws Exception
    {
        Map<String, Integer> options = new java.util.HashMap<>();
        for (String argument : arguments) {
            for (String option : argument.trim().split("\\s+")) {
                if (option.isEmpty()) {
                    continue;
                }
                String[] parts = option.replaceFirst("^--", "").split("=", 2);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("Arguments look like --log-mb=100, not " + option);
                }
                options.put(parts[0], Integer.parseInt(parts[1]));
            }
        }
        new LogBenchmark(options).run();
    }

    private void run()
            throws Exception
    {
        Path home = Files.createTempDirectory("slipway-log-benchmark-");
        try {
            System.out.printf(Locale.ROOT, "Slipway log benchmark: Java %s, %d cores, home %s%n", Runtime.version(),
                    Runtime.getRuntime().availableProcessors(), home);
            String bigBuild = "bench:" + java.util.UUID.randomUUID();
            String smallBuild = "bench:" + java.util.UUID.randomUUID();
            try (SlipwayServer server = start(home)) {
                BuildLogStore store = server.instance(BuildLogStore.class);
                writeBigLog(store, bigBuild);
                try (BuildLogWriter writer = store.open(smallBuild)) {
                    writer.line("a small log");
                }
            }
            try (SlipwayServer server = start(home)) {
                readBigLog(server.uri(), bigBuild, smallBuild);
                latency(server);
                stream(server);
            }
        }
        finally {
            delete(home);
        }
    }

    private static SlipwayServer start(Path home)
    {
        return SlipwayServer.start(new ConfigLoader(home, Map.of("SLIPWAY_SERVER_PORT", "0")).load(Optional.empty()));
    }

    private void writeBigLog(BuildLogStore store, String build)
            throws IOException
    {
        long target = logMegabytes * 1_000_000L;
        long bytes = 0;
        long lines = 0;
        long begin = System.nanoTime();
        try (BuildLogWriter writer = store.open(build)) {
            while (bytes < target) {
                int index = (int) (lines % LINE_POOL);
                writer.line(pool.get(index));
                bytes += poolBytes[index] + 1;
                lines++;
            }
            writer.complete();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf(Locale.ROOT, "%nWrote a %d MB log: %,d lines in %.2f s (%.0f MB/s, %,.0f lines/s); the store reports %,d lines, %,d bytes%n",
                logMegabytes, lines, seconds, bytes / 1e6 / seconds, lines / seconds, store.info(build).lines(), store.info(build).bytes());
    }

    private void readBigLog(URI base, String build, String smallBuild)
            throws Exception
    {
        String logs = "api/v1/builds/" + build + "/logs";
        long firstRequest = timeGet(base.resolve("api/v1/builds/" + smallBuild + "/logs/tail?lines=1000"));
        long cold = timeGet(base.resolve(logs + "/tail?lines=1000"));
        System.out.printf(Locale.ROOT, "%nAfter a restart: the server's first request (a tail of a one-line log) %.1f ms; "
                + "then the first tail of 1,000 lines of the big log (checks its index first) %.1f ms%n", firstRequest / 1e6, cold / 1e6);

        for (int i = 0; i < 50; i++) {
            timeGet(base.resolve(logs + "/tail?lines=1000"));
        }
        long[] tails = new long[requests];
        for (int i = 0; i < requests; i++) {
            tails[i] = timeGet(base.resolve(logs + "/tail?lines=1000"));
        }
        long total = lineCount(base, logs);
        SplittableRandom random = new SplittableRandom(7);
        long[] ranges = new long[requests];
        for (int i = 0; i < requests; i++) {
            long from = random.nextLong(total - 1_000);
            ranges[i] = timeGet(base.resolve(logs + "?from=" + from + "&limit=1000"));
        }
        System.out.printf(Locale.ROOT, "Tail of 1,000 lines over HTTP (%d requests): %s%n", requests, summary(tails));
        System.out.printf(Locale.ROOT, "Range of 1,000 lines at random places over HTTP (%d requests): %s%n", requests, summary(ranges));
    }

    /** How long a line takes from {@code writer.line} to a live viewer, when the build prints now and then. */
    private void latency(SlipwayServer server)
            throws Exception
    {
        BuildLogStore store = server.instance(BuildLogStore.class);
        String build = "latency:" + java.util.UUID.randomUUID();
        int samples = 100;
        long[] delays = new long[samples];
        try (BuildLogWriter writer = store.open(build)) {
            HttpResponse<java.io.InputStream> response = http.send(
                    HttpRequest.newBuilder(server.uri().resolve("api/v1/builds/" + build + "/logs/stream")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (int i = 0; i < samples; i++) {
                    // Idle in between, as a build between two outputs: the next line starts a new flush interval.
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(30));
                    String expected = "data: sample " + i;
                    long begin = System.nanoTime();
                    writer.line("sample " + i);
                    String line;
                    while ((line = events.readLine()) != null && !line.equals(expected)) {
                        // Skip the event's other fields.
                    }
                    delays[i] = System.nanoTime() - begin;
                }
            }
            writer.complete();
        }
        System.out.printf(Locale.ROOT, "%nFrom writer.line to a live SSE viewer, one line at a time (%d lines, flush interval 20 ms): %s%n", samples, summary(delays));
    }

    private void stream(SlipwayServer server)
            throws Exception
    {
        BuildLogStore store = server.instance(BuildLogStore.class);
        // A warm-up round of each, not counted.
        streamRound(server, store, 0, 0);
        streamRound(server, store, viewers, 0);
        streamRounds(server, store, 0, "as fast as the writer takes it");
        streamRounds(server, store, pacedMegabytesPerSecond * 1_000_000L, "at " + pacedMegabytesPerSecond + " MB/s, like a build that prints steadily");
    }

    private void streamRounds(SlipwayServer server, BuildLogStore store, long bytesPerSecond, String how)
            throws Exception
    {
        System.out.printf(Locale.ROOT, "%n%d MB written %s (flush interval 20 ms), %d rounds each, alternating:%n", streamMegabytes, how, rounds);
        List<Double> alone = new ArrayList<>();
        List<Double> watched = new ArrayList<>();
        List<Double> viewersDone = new ArrayList<>();
        List<Double> cpuAlone = new ArrayList<>();
        List<Double> cpuWatched = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double[] withoutViewers = streamRound(server, store, 0, bytesPerSecond);
            alone.add(withoutViewers[0]);
            cpuAlone.add(withoutViewers[2]);
            double[] withViewers = streamRound(server, store, viewers, bytesPerSecond);
            watched.add(withViewers[0]);
            viewersDone.add(withViewers[1]);
            cpuWatched.add(withViewers[2]);
        }
        double aloneMedian = median(alone);
        double watchedMedian = median(watched);
        System.out.printf(Locale.ROOT, "  writer, no viewer:        median %.0f ms (%.0f MB/s)  %s%n", aloneMedian, streamMegabytes * 1000 / aloneMedian, rounded(alone));
        System.out.printf(Locale.ROOT, "  writer, %d live viewers:   median %.0f ms (%.2fx)  %s%n", viewers, watchedMedian, watchedMedian / aloneMedian, rounded(watched));
        System.out.printf(Locale.ROOT, "  last viewer has the end:  median %.0f ms after the writer started  %s%n", median(viewersDone), rounded(viewersDone));
        System.out.printf(Locale.ROOT, "  server CPU (writer + streams): no viewer median %.0f ms; %d viewers median %.0f ms%n", median(cpuAlone), viewers, median(cpuWatched));
    }

    private static List<Long> rounded(List<Double> values)
    {
        return values.stream().map(Math::round).toList();
    }

    /**
     * @return the writer's time in ms, the time until the last viewer's stream ended (0 without viewers), and the CPU
     *         time this process (the server) used until then
     */
    private double[] streamRound(SlipwayServer server, BuildLogStore store, int viewerCount, long bytesPerSecond)
            throws Exception
    {
        String build = "stream:" + java.util.UUID.randomUUID();
        long target = streamMegabytes * 1_000_000L;
        try (BuildLogWriter writer = store.open(build)) {
            List<Process> curls = new ArrayList<>();
            for (int i = 0; i < viewerCount; i++) {
                curls.add(viewer(server.uri().resolve("api/v1/builds/" + build + "/logs/stream")));
            }
            long expectedSse = 0;
            long bytes = 0;
            long lines = 0;
            long cpuBegin = processCpuNanos();
            long begin = System.nanoTime();
            while (bytes < target) {
                int index = (int) (lines % LINE_POOL);
                writer.line(pool.get(index));
                bytes += poolBytes[index] + 1;
                expectedSse += "event: line\nid: ".length() + Long.toString(lines).length() + "\ndata: ".length() + poolBytes[index] + 2;
                lines++;
                if (bytesPerSecond > 0 && lines % 1_000 == 0) {
                    long due = begin + bytes * 1_000_000_000L / bytesPerSecond;
                    long early = due - System.nanoTime();
                    if (early > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(early);
                    }
                }
            }
            writer.complete();
            long written = System.nanoTime();
            expectedSse += ("event: end\ndata: {\"lines\":" + lines + "}\n\n").length();
            for (Process curl : curls) {
                if (!curl.waitFor(300, TimeUnit.SECONDS)) {
                    curl.destroyForcibly();
                    throw new IllegalStateException("A viewer did not get the end of the stream within 300 s");
                }
                String received = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (curl.exitValue() != 0 || !received.equals(Long.toString(expectedSse))) {
                    throw new IllegalStateException("A viewer got " + received + " bytes (curl exit " + curl.exitValue() + "), expected " + expectedSse);
                }
            }
            long done = System.nanoTime();
            return new double[] {(written - begin) / 1e6, viewerCount == 0 ? 0 : (done - begin) / 1e6, (processCpuNanos() - cpuBegin) / 1e6};
        }
    }

    /** Starts {@code curl -N} on the stream and returns once the response headers arrived (the viewer is live). */
    private static Process viewer(URI stream)
            throws IOException
    {
        Process curl = new ProcessBuilder("curl", "-sS", "-v", "-N", "--max-time", "300", "-o", "/dev/null", "-w", "%{size_download}\n", stream.toString())
                .start();
        BufferedReader verbose = new BufferedReader(new InputStreamReader(curl.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = verbose.readLine()) != null) {
            if (line.startsWith("< HTTP/1.1 200")) {
                // Drain the rest of curl's chatter so that it never blocks on a full pipe.
                Thread drain = new Thread(() -> {
                    try {
                        verbose.transferTo(java.io.Writer.nullWriter());
                    }
                    catch (IOException e) {
                        // curl ended.
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return curl;
            }
        }
        throw new IllegalStateException("curl ended before the stream started (exit " + curl.exitValue() + ")");
    }

    private long timeGet(URI uri)
            throws IOException, InterruptedException
    {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        long begin = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - begin;
        if (response.statusCode() != 200 || !response.body().contains("\"next\":")) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return elapsed;
    }

    private long lineCount(URI base, String logs)
            throws IOException, InterruptedException
    {
        String body = http.send(HttpRequest.newBuilder(base.resolve(logs + "/tail?lines=1")).build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("\"total\":(\\d+)").matcher(body);
        if (!total.find()) {
            throw new IllegalStateException("No total in " + body);
        }
        return Long.parseLong(total.group(1));
    }

    private static long processCpuNanos()
    {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String summary(long[] nanos)
    {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "median %.1f ms, p95 %.1f ms, max %.1f ms", sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.95)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static double median(List<Double> values)
    {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** Build output of the usual kinds: timestamps, paths, test results, some ANSI colour; about 85 bytes a line. */
    private static List<String> linePool()
    {
        SplittableRandom random = new SplittableRandom(42);
        String[] words = {"compiling", "src/main/java/dev/slipway/server/build/log/FileBuildLogStore.java", "[INFO]", "Tests", "run:", "Failures:",
                "Downloading", "https://repo.maven.apache.org/maven2/org/eclipse/jetty/jetty-server/12.1.14/jetty-server-12.1.14.pom", "npm",
                "warn", "deprecated", "ok", "✓", "added", "packages", "in", "12s", "BUILD", "SUCCESS", "at", "java.base/java.lang.Thread.run(Thread.java:840)"};
        List<String> lines = new ArrayList<>(LINE_POOL);
        for (int i = 0; i < LINE_POOL; i++) {
            StringBuilder line = new StringBuilder();
            line.append(String.format(Locale.ROOT, "[%02d:%02d:%02d] ", random.nextInt(24), random.nextInt(60), random.nextInt(60)));
            if (i % 10 == 0) {
                line.append("\u001b[32m");
            }
            int target = 20 + random.nextInt(80);
            while (line.length() < target) {
                line.append(words[random.nextInt(words.length)]).append(' ');
            }
            if (i % 10 == 0) {
                line.append("\u001b[0m");
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static void delete(Path directory)
    {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                        throws IOException
                {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure)
                        throws IOException
                {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }
}
