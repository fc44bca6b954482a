package dev.slipway.server.build.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.executor.BuildContext;
import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.CommandResult;
import dev.slipway.api.executor.EnvironmentRequest;
import dev.slipway.api.executor.Executor;
import dev.slipway.api.executor.LogSink;
import dev.slipway.api.executor.ShellOptions;
import dev.slipway.api.executor.ShellSession;
import dev.slipway.server.build.engine.ArtifactOutcome;
import dev.slipway.server.build.engine.ArtifactSettings;
import dev.slipway.server.build.engine.BuildControl;
import dev.slipway.server.build.engine.BuildEngine;
import dev.slipway.server.build.engine.BuildEngineSettings;
import dev.slipway.server.build.engine.BuildJob;
import dev.slipway.server.build.engine.BuildStatus;
import dev.slipway.server.build.engine.BuildspecParsing;
import dev.slipway.server.buildspec.Buildspec;
import dev.slipway.testkit.InMemoryArtifactStore;
import dev.slipway.server.buildspec.ParseResult;

import static org.assertj.core.api.Assertions.assertThat;

class BatchRunnerTest
{
    @TempDir
    Path directory;

    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<String> started = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> exitByIdentifier = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(0);

    @AfterEach
    void stopThreads()
    {
        threads.shutdownNow();
    }

    /** Each child runs one command; its exit status comes from exitByIdentifier, and it waits for `release`. */
    private final Executor executor = new Executor()
    {
        @Override
        public BuildEnvironment provision(EnvironmentRequest request, BuildContext context)
        {
            return new BuildEnvironment()
            {
                @Override
                public String workspacePath()
                {
                    return request.workspace().toString();
                }

                @Override
                public Optional<Path> hostPath(String environmentPath)
                {
                    return Optional.of(Path.of(environmentPath));
                }

                @Override
                public ShellSession openShell(ShellOptions options)
                {
                    String identifier = options.environment().get("CODEBUILD_BATCH_BUILD_IDENTIFIER");
                    return new ShellSession()
                    {
                        @Override
                        public CommandResult run(String command, LogSink output, Duration timeout)
                                throws InterruptedException
                        {
                            if (command.startsWith("export ") || command.startsWith("if [ -n")) {
                                return CommandResult.exited(0, Duration.ZERO);
                            }
                            started.add(identifier + ":" + options.environment().getOrDefault("OS", "-") + ":"
                                    + options.environment().getOrDefault("CODEBUILD_BUILD_IMAGE", "-"));
                            if (exitByIdentifier.getOrDefault(identifier, 0) != 0) {
                                return CommandResult.exited(exitByIdentifier.get(identifier), Duration.ZERO);
                            }
                            int now = concurrent.incrementAndGet();
                            maxConcurrent.accumulateAndGet(now, Math::max);
                            try {
                                release.await();
                            }
                            finally {
                                concurrent.decrementAndGet();
                            }
                            return CommandResult.exited(0, Duration.ZERO);
                        }

                        @Override
                        public void close() {}
                    };
                }

                @Override
                public void upload(Path source, String targetPath) {}

                @Override
                public void download(String sourcePath, Path target) {}

                @Override
                public void close() {}
            };
        }
    };

    private static byte[] content(InMemoryArtifactStore store, String key)
    {
        return store.content(dev.slipway.api.artifact.ArtifactKey.of(key)).orElseThrow(() -> new AssertionError("No artifact " + key + " in " + store.keys()));
    }

    private static List<String> keys(InMemoryArtifactStore store)
    {
        return store.keys().stream().map(dev.slipway.api.artifact.ArtifactKey::path).toList();
    }

    private static Buildspec.BatchTask task(String identifier, String... dependOn)
    {
        return new Buildspec.BatchTask(identifier, Optional.empty(), List.of(dependOn), Buildspec.BatchEnv.EMPTY, false, false);
    }

    private static Buildspec.BatchTask ignoringFailure(String identifier)
    {
        return new Buildspec.BatchTask(identifier, Optional.empty(), List.of(), Buildspec.BatchEnv.EMPTY, true, false);
    }

    private BatchResult run(Buildspec.Batch batch, int limit, BuildControl control)
    {
        return run(batch, limit, control, Optional.empty(), ArtifactSettings.NONE, false);
    }

    private BatchResult run(Buildspec.Batch batch, int limit, BuildControl control, Optional<Buildspec.Artifacts> artifacts, ArtifactSettings settings,
            boolean combineArtifacts)
    {
        Buildspec spec = new Buildspec("0.2", Optional.empty(), Buildspec.Env.EMPTY, Buildspec.Proxy.NONE,
                Map.of(Buildspec.PhaseName.BUILD, new Buildspec.Phase(Optional.empty(), Optional.empty(), Map.of(),
                        List.of(new Buildspec.Command("work", 1)), List.of())),
                Map.of(), artifacts, Optional.empty(), Optional.of(batch));
        BuildspecParsing parser = text -> new ParseResult(Optional.of(spec), List.of());
        BuildJob parent = BuildJob.builder("web:" + UUID.randomUUID(), 1, "web", directory, executor).inlineBuildspec("batch").artifacts(settings).build();
        AtomicInteger numbers = new AtomicInteger(1);
        BatchJob job = new BatchJob("web:batch-1", parent, limit, identifier -> {
            Path workspace = Files.createDirectories(directory.resolve(identifier));
            // What the child's commands would have produced.
            Files.createDirectories(workspace.resolve("out/bin"));
            Files.writeString(workspace.resolve("out/" + identifier + ".txt"), "made by " + identifier);
            Files.writeString(workspace.resolve("out/bin/run"), "#!/bin/sh\n");
            Files.setPosixFilePermissions(workspace.resolve("out/bin/run"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            return new BatchJob.Slot("web:" + UUID.randomUUID(), numbers.incrementAndGet(), workspace);
        }, combineArtifacts);
        try (BuildEngine engine = new BuildEngine(BuildEngineSettings.DEFAULT, parser)) {
            return new BatchRunner(engine, parser, threads, Clock.systemUTC()).run(job, new BatchListener() {}, control);
        }
    }

    private BatchResult run(Buildspec.Batch batch)
    {
        return run(batch, 10, new BuildControl());
    }

    private static Buildspec.Batch list(boolean fastFail, Buildspec.BatchTask... tasks)
    {
        return new Buildspec.Batch(fastFail, Buildspec.BatchKind.BUILD_LIST, List.of(tasks), Optional.empty());
    }

    private static Buildspec.Batch graph(Buildspec.BatchTask... tasks)
    {
        return new Buildspec.Batch(false, Buildspec.BatchKind.BUILD_GRAPH, List.of(tasks), Optional.empty());
    }

    /** Runs the batch with {@code children} instead of the engine, as the build service does. */
    private BatchResult runWith(Buildspec.Batch batch, BatchRunner.ChildRunner children, Map<String, dev.slipway.server.build.engine.BuildResult> carried)
    {
        Buildspec spec = new Buildspec("0.2", Optional.empty(), Buildspec.Env.EMPTY, Buildspec.Proxy.NONE, Map.of(), Map.of(), Optional.empty(),
                Optional.empty(), Optional.of(batch));
        BuildspecParsing parser = text -> new ParseResult(Optional.of(spec), List.of());
        BuildJob parent = BuildJob.builder("web:" + UUID.randomUUID(), 1, "web", directory, executor).inlineBuildspec("batch").build();
        AtomicInteger numbers = new AtomicInteger(1);
        BatchJob job = new BatchJob("web:batch-2", parent, 10, identifier -> new BatchJob.Slot("web:" + UUID.randomUUID(), numbers.incrementAndGet(),
                directory));
        return new BatchRunner(children, parser, threads, Clock.systemUTC()).run(job, carried, new BatchListener() {}, new BuildControl());
    }

    private static dev.slipway.server.build.engine.BuildResult result(BuildJob child, BuildStatus status)
    {
        java.time.Instant now = java.time.Instant.now();
        return new dev.slipway.server.build.engine.BuildResult(child.buildId(), child.buildNumber(), status, now, now, List.of(), Map.of(), List.of(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    @Test
    void aRetryKeepsTheCarriedChildrenAndRunsOnlyTheOthers()
    {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        java.time.Instant then = java.time.Instant.parse("2026-11-26T12:00:00Z");
        var earlier = new dev.slipway.server.build.engine.BuildResult("web:earlier", 1, BuildStatus.SUCCEEDED, then, then, List.of(), Map.of(), List.of(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty());

        BatchResult result = runWith(graph(task("compile"), task("test", "compile")), (child, listener, control) -> {
            ran.add(child.batchBuildIdentifier().orElseThrow());
            return result(child, BuildStatus.SUCCEEDED);
        }, Map.of("compile", earlier));

        assertThat(result.status()).isEqualTo(BatchPhaseType.SUCCEEDED);
        assertThat(ran).containsExactly("test");
        assertThat(result.child("compile").orElseThrow().build().orElseThrow().buildId()).isEqualTo("web:earlier");
    }

    @Test
    void aChildThatCannotBeRunIsAFaultAndTheBatchStillEnds()
    {
        BatchResult result = runWith(list(false, task("broken"), task("fine")), (child, listener, control) -> {
            if (child.batchBuildIdentifier().orElseThrow().equals("broken")) {
                throw new IllegalStateException("the database is gone");
            }
            return result(child, BuildStatus.SUCCEEDED);
        }, Map.of());

        assertThat(result.status()).isEqualTo(BatchPhaseType.FAILED);
        assertThat(result.child("broken").orElseThrow().build().orElseThrow().status()).isEqualTo(BuildStatus.FAULT);
        assertThat(result.child("fine").orElseThrow().succeeded()).isTrue();
    }

    @Test
    void buildListRunsEveryTaskAsAChildBuildWithItsIdentifier()
    {
        BatchResult result = run(list(false, task("a"), task("b"), task("c")));

        assertThat(result.status()).isEqualTo(BatchPhaseType.SUCCEEDED);
        assertThat(result.phases()).extracting(BatchResult.Phase::type).containsExactly(BatchPhaseType.SUBMITTED, BatchPhaseType.DOWNLOAD_BATCHSPEC,
                BatchPhaseType.IN_PROGRESS, BatchPhaseType.COMBINE_ARTIFACTS, BatchPhaseType.SUCCEEDED);
        assertThat(result.children()).extracting(BatchResult.Child::identifier).containsExactly("a", "b", "c");
        assertThat(started).containsExactlyInAnyOrder("a:-:-", "b:-:-", "c:-:-");
        assertThat(result.children()).allSatisfy(child -> assertThat(child.build().orElseThrow().status()).isEqualTo(BuildStatus.SUCCEEDED));
    }

    @Test
    void combineArtifactsStoresOneZipWithEachChildsFilesUnderItsIdentifier()
            throws Exception
    {
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        Buildspec.Artifacts files = new Buildspec.Artifacts(List.of("**/*"), Optional.empty(), false, Optional.of("out"), List.of(), false, Optional.empty(),
                Map.of());
        ArtifactSettings settings = new ArtifactSettings(Optional.of(store), Optional.of(new ArtifactSettings.Target("app", ArtifactSettings.Packaging.ZIP, false)),
                Map.of(), Optional.empty());

        BatchResult result = run(list(false, task("linux"), task("windows")), 10, new BuildControl(), Optional.of(files), settings, true);

        assertThat(result.status()).isEqualTo(BatchPhaseType.SUCCEEDED);
        ArtifactOutcome combined = result.combinedArtifact().orElseThrow();
        assertThat(combined.key()).isEqualTo("web/web:batch-1/app.zip");
        assertThat(combined.fileCount()).isEqualTo(4);
        Map<String, Integer> modes = new java.util.TreeMap<>();
        Map<String, String> contents = new java.util.TreeMap<>();
        Path zipFile = Files.write(directory.resolve("combined.zip"), content(store, combined.key()));
        // The central directory has the Unix modes; ZipFile reads it.
        try (ZipFile zip = ZipFile.builder().setPath(zipFile).get()) {
            for (ZipArchiveEntry entry : java.util.Collections.list(zip.getEntries())) {
                modes.put(entry.getName(), entry.getUnixMode() & 0777);
                try (java.io.InputStream content = zip.getInputStream(entry)) {
                    contents.put(entry.getName(), new String(content.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(contents).containsExactly(Map.entry("linux/bin/run", "#!/bin/sh\n"), Map.entry("linux/linux.txt", "made by linux"),
                Map.entry("windows/bin/run", "#!/bin/sh\n"), Map.entry("windows/windows.txt", "made by windows"));
        assertThat(modes).containsEntry("linux/bin/run", 0755).containsEntry("windows/windows.txt", 0644);
        // Each child still has its own artifact.
        assertThat(result.children()).allSatisfy(child -> assertThat(child.build().orElseThrow().artifacts()).hasSize(1));
    }

    @Test
    void withoutCombiningEachChildKeepsItsOwnArtifactAndNothingIsCombined()
    {
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        Buildspec.Artifacts files = new Buildspec.Artifacts(List.of("**/*"), Optional.empty(), false, Optional.of("out"), List.of(), false, Optional.empty(),
                Map.of());
        ArtifactSettings settings = new ArtifactSettings(Optional.of(store), Optional.of(new ArtifactSettings.Target("app", ArtifactSettings.Packaging.NONE, false)),
                Map.of(), Optional.empty());

        BatchResult result = run(list(false, task("a"), task("b")), 10, new BuildControl(), Optional.of(files), settings, false);

        assertThat(result.combinedArtifact()).isEmpty();
        assertThat(keys(store)).hasSize(4).noneMatch(key -> key.contains("batch-1"));
    }

    @Test
    void combiningDirectoryArtifactsCopiesEachChildsFilesUnderItsIdentifier()
    {
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        Buildspec.Artifacts files = new Buildspec.Artifacts(List.of("*.txt"), Optional.empty(), false, Optional.of("out"), List.of(), false, Optional.empty(),
                Map.of());
        ArtifactSettings settings = new ArtifactSettings(Optional.of(store), Optional.of(new ArtifactSettings.Target("site", ArtifactSettings.Packaging.NONE, false)),
                Map.of(), Optional.of("releases"));

        BatchResult result = run(list(false, task("a"), task("b")), 10, new BuildControl(), Optional.of(files), settings, true);

        assertThat(result.combinedArtifact().orElseThrow().key()).isEqualTo("releases/web:batch-1/site/");
        assertThat(keys(store)).contains("releases/web:batch-1/site/a/a.txt", "releases/web:batch-1/site/b/b.txt");
        assertThat(new String(content(store, "releases/web:batch-1/site/b/b.txt"), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("made by b");
    }

    @Test
    void concurrencyLimitCapsHowManyChildrenRunAtOnce()
    {
        run(list(false, task("a"), task("b"), task("c"), task("d"), task("e")), 2, new BuildControl());

        assertThat(started).hasSize(5);
        assertThat(maxConcurrent.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void failedChildFailsTheBatchUnlessItIgnoresFailure()
    {
        exitByIdentifier.put("a", 1);
        exitByIdentifier.put("b", 1);
        assertThat(run(list(false, task("a"), task("ok"))).status()).isEqualTo(BatchPhaseType.FAILED);
        assertThat(run(list(false, ignoringFailure("b"), task("ok"))).status()).isEqualTo(BatchPhaseType.SUCCEEDED);
    }

    @Test
    void buildMatrixRunsTheCartesianProductOfItsDynamicValues()
    {
        Buildspec.BuildMatrix matrix = new Buildspec.BuildMatrix(false, Buildspec.BatchEnv.EMPTY, List.of(),
                List.of(), List.of("img:1", "img:2"), Map.of("OS", List.of("linux", "mac", "win")));
        BatchResult result = run(new Buildspec.Batch(false, Buildspec.BatchKind.BUILD_MATRIX, List.of(), Optional.of(matrix)));

        assertThat(result.children()).hasSize(6);
        assertThat(started).containsExactlyInAnyOrder("build_matrix_1:linux:img:1", "build_matrix_2:mac:img:1", "build_matrix_3:win:img:1",
                "build_matrix_4:linux:img:2", "build_matrix_5:mac:img:2", "build_matrix_6:win:img:2");
    }

    @Test
    void buildGraphRunsATaskOnlyAfterItsDependencies()
    {
        BatchResult result = run(graph(task("deploy", "test", "lint"), task("test", "build"), task("lint"), task("build")), 10, new BuildControl());

        assertThat(result.status()).isEqualTo(BatchPhaseType.SUCCEEDED);
        List<String> order = started.stream().map(entry -> entry.substring(0, entry.indexOf(':'))).toList();
        assertThat(order.indexOf("build")).isLessThan(order.indexOf("test"));
        assertThat(order.indexOf("test")).isLessThan(order.indexOf("deploy"));
        assertThat(order.indexOf("lint")).isLessThan(order.indexOf("deploy"));
    }

    @Test
    void failedDependencyBlocksItsDependentsUnlessItIgnoresFailure()
    {
        exitByIdentifier.put("build", 1);
        exitByIdentifier.put("flaky", 1);
        BatchResult result = run(graph(task("build"), task("test", "build"),
                new Buildspec.BatchTask("flaky", Optional.empty(), List.of(), Buildspec.BatchEnv.EMPTY, true, false), task("report", "flaky")));

        assertThat(result.status()).isEqualTo(BatchPhaseType.FAILED);
        assertThat(result.child("test").orElseThrow().notRunReason()).contains("its dependency build did not succeed");
        assertThat(result.child("report").orElseThrow().build()).isPresent();
    }

    @Test
    void cycleInTheGraphFailsTheBatchBeforeAnyChildRuns()
    {
        BatchResult result = run(graph(task("a", "c"), task("b", "a"), task("c", "b"), task("d")));

        assertThat(result.status()).isEqualTo(BatchPhaseType.FAILED);
        assertThat(result.phases()).filteredOn(phase -> phase.type() == BatchPhaseType.DOWNLOAD_BATCHSPEC).singleElement()
                .satisfies(phase -> assertThat(phase.contexts()).singleElement()
                        .satisfies(context -> assertThat(context.message()).isEqualTo("Batch tasks depend on each other in a cycle: a -> c -> b -> a")));
        assertThat(started).isEmpty();
    }

    @Test
    void unknownDependencyFailsTheBatch()
    {
        BatchResult result = run(graph(task("a", "missing")));

        assertThat(result.status()).isEqualTo(BatchPhaseType.FAILED);
        assertThat(started).isEmpty();
    }

    @Test
    void fastFailStopsRunningChildrenAndStartsNoMore()
    {
        // Failing children end at once; the others wait for a release that never comes unless they are stopped.
        exitByIdentifier.put("fails", 1);
        release = new CountDownLatch(1);
        BatchResult result = run(list(true, task("slow-1"), task("fails"), task("slow-2"), task("later")), 3, new BuildControl());

        assertThat(result.status()).isEqualTo(BatchPhaseType.FAILED);
        assertThat(result.child("fails").orElseThrow().build().orElseThrow().status()).isEqualTo(BuildStatus.FAILED);
        assertThat(result.child("slow-1").orElseThrow().build().orElseThrow().status()).isEqualTo(BuildStatus.STOPPED);
        assertThat(result.child("slow-2").orElseThrow().build().orElseThrow().status()).isEqualTo(BuildStatus.STOPPED);
        assertThat(result.child("later").orElseThrow().notRunReason()).hasValueSatisfying(reason -> assertThat(reason).startsWith("fast-fail: fails ended FAILED"));
    }

    @Test
    void stoppingTheBatchStopsEveryChild()
            throws Exception
    {
        release = new CountDownLatch(1);
        BuildControl control = new BuildControl();
        java.util.concurrent.CompletableFuture<BatchResult> batch = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> run(list(false, task("a"), task("b")), 10, control));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> started.size() == 2);
        control.stop("Stopped by alice");
        BatchResult result = batch.get(10, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(BatchPhaseType.STOPPED);
        assertThat(result.children()).allSatisfy(child -> assertThat(child.build().orElseThrow().status()).isEqualTo(BuildStatus.STOPPED));
    }

}
