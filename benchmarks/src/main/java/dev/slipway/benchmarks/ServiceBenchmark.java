package dev.slipway.benchmarks;

import java.io.IOException;
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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.slipway.server.bootstrap.SlipwayServer;
import dev.slipway.server.config.ConfigLoader;

/**
 * The build service's benchmarks of issue #4, against a real server on loopback (Jetty, H2 in a temporary home, the
 * bundled local executor plugin), driven over the REST API like a client:
 * <ol>
 *   <li><b>trivial build</b>: {@code echo hi}, from the start call until the {@code …-state-succeeded} event arrives on
 *       {@code GET /api/v1/events}; the overhead is that time minus the BUILD phase (the command's own time);</li>
 *   <li><b>100 builds at once</b>: 100 start calls from 16 client threads, until the last succeeded event;</li>
 *   <li><b>50 MB of output</b>: a build whose command prints 50 MB, with no viewer and with 5 live viewers of its log
 *       ({@code curl -N} on {@code …/logs/stream}, each checked for the end event), against the same command run
 *       directly into {@code /dev/null}. Two producers: {@code yes | head -c} (costs nothing to produce, so everything
 *       else shows), {@code awk} formatting log lines as fast as it can, and log lines paced at 25 MB/s (as a build prints
 *       while it works; {@code python3}).</li>
 * </ol>
 * <p>The trivial builds are measured after {@code --warmup} builds (default 1000, about half a minute): on two cores the
 * JIT compilers keep a core about half busy for the first minute of a server's life, and a figure taken then
 * measures the compiler more than the server. The first 100 builds after the start are reported on their own row.
 *
 * <p>Arguments (all optional): {@code --runs=300 --warmup=1000 --rounds=3 --parallel=100 --output-rounds=3 --viewers=5
 * --slots=N} and {@code --plugins=DIR} (the directory with {@code local-executor-*.zip}; default
 * {@code benchmarks/target/slipway-home/plugins}). {@code --rounds=0} skips the 100 builds at once and
 * {@code --output-rounds=0} the 50 MB builds.
 */
public final class ServiceBenchmark
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BUILD_ID = Pattern.compile("\"buildId\":\"([^\"]+)\"");
    private static final String SUCCEEDED = "codebuild-project-build-state-succeeded";
    private static final String FAILED = "codebuild-project-build-state-failed";
    private static final long FIFTY_MB = 50_000_000L;
    private static final int COLD_BUILDS = 100;
    private static final String YES = "yes 0123456789012345678901234567890123456789 | head -c " + FIFTY_MB;
    /** 50 MB of log lines at about 25 MB/s, as a build prints while it works (the log benchmark paces its writer the same). */
    private static final String PACED = "python3 -c 'import sys, time\n"
            + "line = b\"[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/example/artifact/1.0/artifact-1.0.pom\\n\"\n"
            + "chunk = line * (250000 // len(line))\n"
            + "out = sys.stdout.buffer\n"
            + "start = time.monotonic()\n"
            + "for i in range(" + FIFTY_MB + " // len(chunk)):\n"
            + "    out.write(chunk)\n"
            + "    delay = start + (i + 1) * len(chunk) / 25e6 - time.monotonic()\n"
            + "    time.sleep(delay) if delay > 0 else None\n"
            + "out.flush()'";
    private static final String AWK = "awk 'BEGIN { line = \"[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/example/"
            + "artifact/1.0/artifact-1.0.pom\"; n = int(" + FIFTY_MB + " / (length(line) + 1)); for (i = 0; i < n; i++) print line }'";

    private final Map<String, Integer> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, CompletableFuture<String>> ends = new ConcurrentHashMap<>();
    private final List<String> rows = new ArrayList<>();
    private URI base;

    private ServiceBenchmark(Map<String, Integer> options)
    {
        this.options = options;
    }

    public static void main(String[] arguments)
            throws Exception
    {
        Map<String, Integer> options = new HashMap<>();
        Path plugins = Path.of("benchmarks/target/slipway-home/plugins");
        for (String argument : arguments) {
            if (argument.startsWith("--plugins=")) {
                plugins = Path.of(argument.substring("--plugins=".length()));
            }
            else if (argument.startsWith("--") && argument.contains("=")) {
                options.put(argument.substring(2, argument.indexOf('=')), Integer.parseInt(argument.substring(argument.indexOf('=') + 1)));
            }
        }
        Path home = Files.createTempDirectory("slipway-service-benchmark-");
        try {
            Files.createDirectories(home.resolve("plugins"));
            try (var zips = Files.list(plugins)) {
                for (Path zip : (Iterable<Path>) zips.filter(path -> path.getFileName().toString().endsWith(".zip"))::iterator) {
                    Files.copy(zip, home.resolve("plugins").resolve(zip.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.createDirectories(home.resolve("conf"));
            int slots = options.getOrDefault("slots", Runtime.getRuntime().availableProcessors());
            Files.writeString(home.resolve("conf/slipway.yml"), "executors:\n  local:\n    factory: local\n    slots: " + slots + "\n");
            ServiceBenchmark benchmark = new ServiceBenchmark(options);
            try (SlipwayServer server = SlipwayServer.start(new ConfigLoader(home, Map.of("SLIPWAY_SERVER_PORT", "0")).load(Optional.empty()))) {
                benchmark.run(server.uri(), slots);
            }
            System.out.println();
            System.out.println("| scenario | median | p90 | notes |");
            System.out.println("|---|---|---|---|");
            benchmark.rows.forEach(System.out::println);
        }
        finally {
            deleteTree(home);
        }
    }

    private void run(URI uri, int slots)
            throws Exception
    {
        base = uri;
        Flow.Subscription events = subscribe();
        try {
            createProject("trivial", "echo hi");
            createProject("yes-output", YES);
            createProject("awk-output", AWK);
            createProject("paced-output", PACED);
            trivialBuilds(options.getOrDefault("warmup", 1000), options.getOrDefault("runs", 300));
            int rounds = options.getOrDefault("rounds", 3);
            if (rounds > 0) {
                parallelBuilds(options.getOrDefault("parallel", 100), rounds, slots);
            }
            int outputRounds = options.getOrDefault("output-rounds", 3);
            int viewers = options.getOrDefault("viewers", 5);
            if (outputRounds == 0) {
                return;
            }
            output("`yes` piped to `head -c 50M`", "yes-output", YES, outputRounds, viewers);
            output("awk printing 50 MB of log lines", "awk-output", AWK, outputRounds, viewers);
            output("50 MB of log lines paced at 25 MB/s (python3)", "paced-output", PACED, outputRounds, viewers);
        }
        finally {
            events.cancel();
        }
    }

    // ---------------------------------------------------------------- scenarios

    private void trivialBuilds(int warmup, int runs)
            throws Exception
    {
        List<Long> total = new ArrayList<>();
        List<Long> overhead = new ArrayList<>();
        List<Long> command = new ArrayList<>();
        List<Long> startCall = new ArrayList<>();
        List<Long> queued = new ArrayList<>();
        List<Long> engine = new ArrayList<>();
        List<Long> service = new ArrayList<>();
        List<Long> cold = new ArrayList<>();
        CpuUse cpu = null;
        for (int i = 0; i < warmup + runs; i++) {
            if (i == warmup) {
                cpu = CpuUse.now();
            }
            long begin = System.nanoTime();
            String id = start("trivial");
            long accepted = System.nanoTime();
            awaitEnd(id, SUCCEEDED);
            long end = System.nanoTime();
            if (i < warmup) {
                if (i < COLD_BUILDS) {
                    JsonNode build = build(id);
                    cold.add(end - begin - TimeUnit.MILLISECONDS.toNanos(phase(build, "BUILD").path("durationMillis").asLong()));
                }
                continue;
            }
            JsonNode build = build(id);
            long buildPhase = TimeUnit.MILLISECONDS.toNanos(phase(build, "BUILD").path("durationMillis").asLong());
            long engineSpan = TimeUnit.MILLISECONDS.toNanos(java.time.Duration.between(java.time.Instant.parse(phase(build, "PROVISIONING").path("startTime").asText()),
                    java.time.Instant.parse(phase(build, "COMPLETED").path("endTime").asText())).toMillis());
            total.add(end - begin);
            command.add(buildPhase);
            overhead.add(end - begin - buildPhase);
            startCall.add(accepted - begin);
            queued.add(TimeUnit.MILLISECONDS.toNanos(phase(build, "QUEUED").path("durationMillis").asLong()));
            engine.add(engineSpan);
            service.add(end - begin - engineSpan);
        }
        CpuUse used = CpuUse.now().minus(cpu);
        rows.add(row("trivial build (`echo hi`): start call → succeeded event", total, runs + " builds after " + warmup + " warm-up builds"));
        rows.add(row("  of which the BUILD phase (the command)", command, "the phase's recorded duration (ms resolution)"));
        rows.add(row("  **overhead**: total − BUILD phase", overhead, "target ≤ 20 ms median; the best peer (Hudson, gap 1.1 s) 134 ms"));
        if (!cold.isEmpty()) {
            rows.add(row("  overhead of the first " + cold.size() + " builds after the server started", cold, "the JIT compilers still at work"));
        }
        rows.add(row("  the start call alone (POST → 201, build queued and stored)", startCall, ""));
        rows.add(row("  the QUEUED phase (start → launched on a build thread)", queued, "ms resolution"));
        rows.add(row("  the engine's phases, PROVISIONING start → COMPLETED", engine, "BuildEngine.run with the local executor's shell; ms resolution"));
        rows.add(row("  the service's own share: total − the engine's phases", service, "HTTP, database, queue, log, event"));
        rows.add(String.format(Locale.ROOT, "| CPU time of the whole process per trivial build | %s | | this client included; of it: %s |",
                format(used.process() / runs), used.topThreads(runs, 6)));
    }

    private void parallelBuilds(int count, int rounds, int slots)
            throws Exception
    {
        List<Long> times = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < rounds; round++) {
                long begin = System.nanoTime();
                List<Future<String>> started = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    started.add(clients.submit(() -> start("trivial")));
                }
                List<String> ids = new ArrayList<>();
                for (Future<String> id : started) {
                    ids.add(id.get());
                }
                for (String id : ids) {
                    awaitEnd(id, SUCCEEDED);
                }
                times.add(System.nanoTime() - begin);
            }
        }
        finally {
            clients.shutdownNow();
        }
        rows.add(row(count + " trivial builds started at once, until all succeeded", times, rounds + " rounds; 16 client threads; executor 'local' "
                + "with " + slots + " slots; target ≤ 2 s"));
    }

    private void output(String name, String project, String command, int rounds, int viewerCount)
            throws Exception
    {
        List<Long> direct = new ArrayList<>();
        List<Long> alone = new ArrayList<>();
        List<Long> watched = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long directNanos = direct(command);
            long buildNanos = build(project, 0);
            long watchedNanos = build(project, viewerCount);
            direct.add(directNanos);
            alone.add(buildNanos);
            watched.add(watchedNanos);
            ratios.add((double) watchedNanos / directNanos);
        }
        rows.add(row(name + ": the command alone, into /dev/null", direct, rounds + " runs, interleaved with the next two rows"));
        rows.add(row(name + ": a build, no viewer (start call → succeeded event)", alone, "the log is stored"));
        rows.add(row(name + ": a build with " + viewerCount + " live log viewers", watched, viewerCount + " `curl -N` on …/logs/stream, each "
                + "checked for the end event"));
        Collections.sort(ratios);
        rows.add(String.format(Locale.ROOT, "| %s: with viewers / command alone | %.2f× | %.2f× | target ≤ 1.2× |", name, ratios.get(ratios.size() / 2),
                ratios.get(Math.min(ratios.size() - 1, (int) Math.ceil(ratios.size() * 0.9) - 1))));
    }

    private static long direct(String command)
            throws IOException, InterruptedException
    {
        long begin = System.nanoTime();
        Process process = new ProcessBuilder("bash", "-c", command + " > /dev/null").redirectErrorStream(true).start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("'" + command + "' failed");
        }
        return System.nanoTime() - begin;
    }

    private long build(String project, int viewerCount)
            throws Exception
    {
        long begin = System.nanoTime();
        String id = start(project);
        List<Process> viewers = new ArrayList<>();
        for (int i = 0; i < viewerCount; i++) {
            viewers.add(viewer(base.resolve("api/v1/builds/" + id + "/logs/stream")));
        }
        awaitEnd(id, SUCCEEDED);
        for (Process viewer : viewers) {
            if (!viewer.waitFor(300, TimeUnit.SECONDS)) {
                viewer.destroyForcibly();
                throw new IllegalStateException("A viewer of " + id + " did not get the end of the stream");
            }
            String received = new String(viewer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (viewer.exitValue() != 0 || !received.contains("event: end")) {
                throw new IllegalStateException("A viewer of " + id + " ended with curl exit " + viewer.exitValue() + " and no end event");
            }
        }
        return System.nanoTime() - begin;
    }

    /** Starts {@code curl -N} on the stream (its body through {@code grep} for the end event only); returns at once. */
    private static Process viewer(URI stream)
            throws IOException
    {
        return new ProcessBuilder("bash", "-c", "curl -sS -N --max-time 300 '" + stream + "' | grep -a '^event: end'").start();
    }

    // ---------------------------------------------------------------- API

    private void createProject(String name, String command)
            throws IOException, InterruptedException
    {
        String buildspec = "version: 0.2\nphases:\n  build:\n    commands:\n      - " + JSON.writeValueAsString(command) + "\n";
        String body = "{\"name\": \"" + name + "\", \"source\": {\"type\": \"none\"}, \"buildspec\": {\"inline\": " + JSON.writeValueAsString(buildspec) + "}}";
        HttpResponse<String> response = post("api/v1/projects", body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Cannot create project " + name + ": " + response.body());
        }
    }

    private String start(String project)
            throws IOException, InterruptedException
    {
        HttpResponse<String> response = post("api/v1/projects/" + project + "/builds", "");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Cannot start a build of " + project + ": " + response.body());
        }
        String id = JSON.readTree(response.body()).path("id").asText();
        ends.computeIfAbsent(id, key -> new CompletableFuture<>());
        return id;
    }

    private JsonNode build(String id)
            throws IOException, InterruptedException
    {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("api/v1/builds/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static JsonNode phase(JsonNode build, String phase)
    {
        for (JsonNode node : build.path("phases")) {
            if (node.path("type").asText().equals(phase)) {
                return node;
            }
        }
        throw new IllegalStateException("Build " + build.path("id").asText() + " has no phase " + phase);
    }

    private HttpResponse<String> post(String path, String json)
            throws IOException, InterruptedException
    {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void awaitEnd(String id, String expected)
            throws Exception
    {
        String type = ends.computeIfAbsent(id, key -> new CompletableFuture<>()).get(300, TimeUnit.SECONDS);
        if (!type.equals(expected)) {
            throw new IllegalStateException("Build " + id + " ended with " + type + ", expected " + expected);
        }
    }

    /** Follows {@code GET /api/v1/events} and completes the future of each build that ends. */
    private Flow.Subscription subscribe()
            throws InterruptedException
    {
        CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();
        CompletableFuture<Void> open = new CompletableFuture<>();
        http.sendAsync(HttpRequest.newBuilder(base.resolve("api/v1/events")).GET().build(), HttpResponse.BodyHandlers.fromLineSubscriber(
                new Flow.Subscriber<String>()
                {
                    private String event;

                    @Override
                    public void onSubscribe(Flow.Subscription subscription)
                    {
                        subscribed.complete(subscription);
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(String line)
                    {
                        open.complete(null);
                        if (line.startsWith("event:")) {
                            event = line.substring(6).trim();
                        }
                        else if (line.startsWith("data:") && (SUCCEEDED.equals(event) || FAILED.equals(event) || event != null && event.endsWith("-stopped"))) {
                            Matcher matcher = BUILD_ID.matcher(line);
                            if (matcher.find()) {
                                ends.computeIfAbsent(matcher.group(1), key -> new CompletableFuture<>()).complete(event);
                            }
                        }
                    }

                    @Override
                    public void onError(Throwable throwable)
                    {
                    }

                    @Override
                    public void onComplete()
                    {
                    }
                }));
        try {
            open.get(30, TimeUnit.SECONDS);
            return subscribed.get(30, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new IllegalStateException("The event stream did not open", e);
        }
    }

    // ---------------------------------------------------------------- figures

    /** The process's CPU time, and each Java thread's, grouped by the thread's name without its numbers. */
    private record CpuUse(long process, Map<String, Long> threads)
    {
        static CpuUse now()
        {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            var threadBean = java.lang.management.ManagementFactory.getThreadMXBean();
            Map<String, Long> threads = new HashMap<>();
            for (var info : threadBean.getThreadInfo(threadBean.getAllThreadIds())) {
                if (info != null) {
                    long time = threadBean.getThreadCpuTime(info.getThreadId());
                    if (time > 0) {
                        threads.merge(info.getThreadName().replaceAll("[0-9]+", "N"), time, Long::sum);
                    }
                }
            }
            return new CpuUse(os.getProcessCpuTime(), threads);
        }

        CpuUse minus(CpuUse before)
        {
            Map<String, Long> threads = new HashMap<>();
            this.threads.forEach((name, time) -> threads.put(name, time - before.threads.getOrDefault(name, 0L)));
            return new CpuUse(process - before.process, threads);
        }

        /** @return the threads that used the most, per build; the rest (JIT compilers, GC) is the process's figure minus these */
        String topThreads(int builds, int count)
        {
            List<Map.Entry<String, Long>> sorted = new ArrayList<>(threads.entrySet());
            sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            long named = threads.values().stream().mapToLong(Long::longValue).sum();
            StringBuilder text = new StringBuilder();
            for (Map.Entry<String, Long> entry : sorted.subList(0, Math.min(count, sorted.size()))) {
                text.append(entry.getKey()).append(' ').append(format(entry.getValue() / builds)).append(", ");
            }
            return text.append("JIT compilers and GC ").append(format(Math.max(0, process - named) / builds)).toString();
        }
    }

    private static String row(String scenario, List<Long> nanos, String notes)
    {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        long median = sorted.get(sorted.size() / 2);
        long p90 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.9) - 1));
        return String.format(Locale.ROOT, "| %s | %s | %s | %s |", scenario, format(median), format(p90), notes);
    }

    private static String format(long nanos)
    {
        double millis = nanos / 1e6;
        return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000) : String.format(Locale.ROOT, "%.2f ms", millis);
    }

    private static void deleteTree(Path root)
    {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                        throws IOException
                {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure)
                        throws IOException
                {
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
