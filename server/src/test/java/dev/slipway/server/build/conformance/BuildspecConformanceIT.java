package dev.slipway.server.build.conformance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.artifact.ArtifactStoreCapability;
import dev.slipway.api.executor.Executor;
import dev.slipway.server.build.batch.BatchJob;
import dev.slipway.server.build.batch.BatchListener;
import dev.slipway.server.build.batch.BatchResult;
import dev.slipway.server.build.batch.BatchRunner;
import dev.slipway.server.build.engine.ArtifactOutcome;
import dev.slipway.server.build.engine.ArtifactSettings;
import dev.slipway.server.build.engine.BuildControl;
import dev.slipway.server.build.engine.BuildEngine;
import dev.slipway.server.build.engine.BuildEngineSettings;
import dev.slipway.server.build.engine.BuildJob;
import dev.slipway.server.build.engine.BuildListener;
import dev.slipway.server.build.engine.BuildReport;
import dev.slipway.server.build.engine.BuildResult;
import dev.slipway.server.build.engine.CacheOutcome;
import dev.slipway.server.build.engine.CacheSettings;
import dev.slipway.server.build.engine.DirectorySource;
import dev.slipway.server.build.engine.EnvironmentVariable;
import dev.slipway.server.build.engine.PhaseRecord;
import dev.slipway.server.build.engine.StatusContext;
import dev.slipway.server.build.testing.LocalExecutors;
import dev.slipway.server.build.testing.TickingClock;
import dev.slipway.testkit.InMemoryArtifactStore;
import dev.slipway.server.buildspec.BuildspecParser;
import dev.slipway.server.secret.StaticSecretResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * CodeBuild conformance, one case per rule of the reference (shared/reference/codebuild-codepipeline.md §A and its
 * decisions), each run as a real build: the real buildspec parser, the real engine, the real local executor with
 * real shells on this machine. A case is a directory under {@code src/test/resources/conformance/}:
 * <ul>
 *   <li>{@code buildspec.yml} — the buildspec, read from the source as CodeBuild reads it;</li>
 *   <li>{@code source/} (optional) — more files of the source;</li>
 *   <li>{@code case.yml} — the rule ({@code rule:}), test resources to copy into the source ({@code resources:},
 *       resource → path), how the build is started ({@code job:}) and what must hold afterwards ({@code expect:}, a
 *       list when {@code job.builds} runs the same source more than once), and what the machine must offer
 *       ({@code requires:}, a list; {@code root}: the case is skipped, with the reason, unless the tests run as root).</li>
 * </ul>
 * Expected strings may use {@code ${SRC}} (the build's source directory), {@code ${BUILD_ID}} and
 * {@code ${PROJECT}}; a string that starts with {@code ~ } is a regular expression that must be found. The keys of
 * {@code job:} and {@code expect:} are documented on {@link #run} and {@link #check}.
 */
class BuildspecConformanceIT
{
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String PROJECT = "conformance";
    private static final AtomicLong BUILD_NUMBERS = new AtomicLong();

    private static Path scratch;
    private static Executor executor;
    private static ExecutorService batchThreads;

    @BeforeAll
    static void createExecutor()
            throws IOException
    {
        scratch = Files.createTempDirectory("slipway-conformance-");
        executor = LocalExecutors.create(Files.createDirectories(scratch.resolve("executor-data")));
        batchThreads = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void closeExecutor()
            throws IOException
    {
        batchThreads.shutdownNow();
        executor.close();
        deleteTree(scratch);
    }

    static Stream<Arguments> cases()
            throws IOException, URISyntaxException
    {
        Path root = Path.of(BuildspecConformanceIT.class.getResource("/conformance").toURI());
        try (Stream<Path> directories = Files.list(root)) {
            return directories.filter(Files::isDirectory).sorted().map(directory -> Arguments.of(Named.of(directory.getFileName().toString(), directory)))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void conforms(Path caseDirectory)
            throws Exception
    {
        JsonNode spec = YAML.readTree(caseDirectory.resolve("case.yml").toFile());
        assertThat(spec.path("rule").asText()).as("case.yml names the rule it checks").isNotBlank();
        for (JsonNode requirement : spec.path("requires")) {
            assertThat(requirement.asText()).as("requires: knows only 'root'").isEqualTo("root");
            // Switching users needs root; a developer's build skips the case (the report names why), CI runs as root.
            assumeThat(currentUid()).as("case %s needs the tests to run as root (run-as switches users); skipped", caseDirectory.getFileName())
                    .isZero();
        }
        JsonNode job = spec.path("job");
        JsonNode expectations = spec.path("expect");
        int builds = job.path("builds").asInt(1);
        List<JsonNode> expected = new ArrayList<>();
        if (expectations.isArray()) {
            expectations.forEach(expected::add);
        }
        else {
            expected.add(expectations);
        }
        assertThat(expected).as("one expect: per build").hasSize(builds);

        InMemoryArtifactStore artifactStore = new InMemoryArtifactStore();
        // Cache fallback keys take the newest entry: creation times must follow the order of the builds.
        InMemoryArtifactStore cacheStore = new InMemoryArtifactStore(EnumSet.allOf(ArtifactStoreCapability.class), new TickingClock());
        for (int build = 0; build < builds; build++) {
            Path workspace = Files.createDirectories(scratch.resolve("builds").resolve(UUID.randomUUID().toString()));
            copyTree(caseDirectory, workspace, caseDirectory.resolve("case.yml"));
            for (Map.Entry<String, String> resource : strings(spec.path("resources")).entrySet()) {
                // Sample files shared with other tests (real report files), copied into the source.
                Path target = workspace.resolve(resource.getValue());
                Files.createDirectories(target.getParent());
                try (InputStream content = BuildspecConformanceIT.class.getResourceAsStream("/" + resource.getKey())) {
                    assertThat(content).as("test resource %s", resource.getKey()).isNotNull();
                    Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Run run = job.path("batch").asBoolean(false)
                    ? runBatch(job, workspace, artifactStore)
                    : run(job, workspace, artifactStore, cacheStore);
            check(caseDirectory.getFileName() + (builds > 1 ? " (build " + (build + 1) + ")" : ""), expected.get(build), run, artifactStore);
        }
    }

    /** The effective user id of this JVM, from {@code /proc/self/status} ("Uid: real effective saved filesystem"). */
    private static long currentUid()
            throws IOException
    {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("Uid:")) {
                return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
            }
        }
        throw new IOException("/proc/self/status has no Uid line");
    }

    /** What a build left: its result (or the batch's), what it printed, where it ran. */
    private record Run(Optional<BuildResult> result, Optional<BatchResult> batch, CapturingListener listener, Path workspace,
            Map<String, CapturingListener> children) {}

    /**
     * Runs one build. {@code job:} keys: {@code project-variables}, {@code override-variables} (plain values),
     * {@code project-parameters} and {@code project-secrets} (project variables of type PARAMETER_STORE and
     * SECRETS_MANAGER), {@code parameters} and {@code secrets} (what the resolver knows), {@code timeout} (ISO-8601
     * duration), {@code artifacts} ({@code name}, {@code packaging}, {@code override-name}, {@code secondary}),
     * {@code cache: true}, {@code stop-when-output} (a line that stops the build from another thread).
     */
    private Run run(JsonNode job, Path workspace, ArtifactStore artifactStore, ArtifactStore cacheStore)
    {
        BuildControl control = new BuildControl();
        String stopLine = job.path("stop-when-output").asText(null);
        CapturingListener listener = new CapturingListener(line -> {
            if (line.equals(stopLine)) {
                control.stop("Stopped by the conformance test");
            }
        });
        BuildJob buildJob = job(job, workspace, artifactStore, cacheStore).build();
        try (BuildEngine engine = new BuildEngine(BuildEngineSettings.DEFAULT, new BuildspecParser()::parse)) {
            BuildResult result = engine.run(buildJob, listener, control);
            return new Run(Optional.of(result), Optional.empty(), listener, workspace, Map.of());
        }
    }

    private BuildJob.Builder job(JsonNode job, Path workspace, ArtifactStore artifactStore, ArtifactStore cacheStore)
    {
        BuildJob.Builder builder = BuildJob.builder(PROJECT + ":" + UUID.randomUUID(), BUILD_NUMBERS.incrementAndGet(), PROJECT, workspace, executor)
                .initiator("conformance-test")
                .secrets(new StaticSecretResolver(strings(job.path("parameters")), strings(job.path("secrets"))));
        strings(job.path("project-variables")).forEach((name, value) -> builder.projectVariable(EnvironmentVariable.plain(name, value)));
        strings(job.path("project-parameters")).forEach((name, value) ->
                builder.projectVariable(new EnvironmentVariable(name, value, EnvironmentVariable.Type.PARAMETER_STORE)));
        strings(job.path("project-secrets")).forEach((name, value) ->
                builder.projectVariable(new EnvironmentVariable(name, value, EnvironmentVariable.Type.SECRETS_MANAGER)));
        strings(job.path("override-variables")).forEach((name, value) -> builder.overrideVariable(EnvironmentVariable.plain(name, value)));
        if (job.has("timeout")) {
            builder.timeout(Duration.parse(job.get("timeout").asText()));
        }
        JsonNode artifacts = job.path("artifacts");
        if (!artifacts.isMissingNode()) {
            Map<String, ArtifactSettings.Target> secondary = new LinkedHashMap<>();
            artifacts.path("secondary").fields().forEachRemaining(entry -> secondary.put(entry.getKey(), target(entry.getValue())));
            builder.artifacts(new ArtifactSettings(Optional.of(artifactStore), Optional.of(target(artifacts)), secondary, Optional.empty()));
        }
        if (job.path("cache").asBoolean(false)) {
            builder.cache(new CacheSettings(Optional.of(cacheStore), Optional.empty()));
        }
        return builder;
    }

    private static ArtifactSettings.Target target(JsonNode node)
    {
        return new ArtifactSettings.Target(node.path("name").asText("artifact"), ArtifactSettings.Packaging.valueOf(node.path("packaging").asText("ZIP")),
                node.path("override-name").asBoolean(false));
    }

    /** Runs the source's buildspec as a batch (build-list, build-matrix, build-graph); each child gets a copy of the source. */
    private Run runBatch(JsonNode job, Path workspace, ArtifactStore artifactStore)
    {
        CapturingListener listener = new CapturingListener(line -> { });
        Map<String, CapturingListener> children = new java.util.concurrent.ConcurrentHashMap<>();
        // Each child (and the reading of the batch's buildspec) gets a copy of the source.
        BuildJob parent = job(job, workspace, artifactStore, new InMemoryArtifactStore())
                .source(new DirectorySource(workspace, Optional.empty(), Optional.empty()))
                .build();
        BatchJob batch = new BatchJob(PROJECT + ":batch-" + UUID.randomUUID(), parent, 4, identifier -> {
            Path child = Files.createDirectories(scratch.resolve("builds").resolve(UUID.randomUUID().toString()));
            return new BatchJob.Slot(PROJECT + ":" + UUID.randomUUID(), BUILD_NUMBERS.incrementAndGet(), child);
        }, job.path("combine-artifacts").asBoolean(false));
        BatchListener batchListener = new BatchListener()
        {
            @Override
            public BuildListener child(String identifier, String buildId)
            {
                CapturingListener child = new CapturingListener(line -> { });
                children.put(identifier, child);
                return child;
            }

            @Override
            public void message(String message)
            {
                listener.messages.add(message);
            }
        };
        BuildspecParser parser = new BuildspecParser();
        try (BuildEngine engine = new BuildEngine(BuildEngineSettings.DEFAULT, parser::parse)) {
            BatchResult result = new BatchRunner(engine, parser::parse, batchThreads, Clock.systemUTC()).run(batch, batchListener, new BuildControl());
            return new Run(Optional.empty(), Optional.of(result), listener, workspace, children);
        }
    }

    /**
     * Checks one build. {@code expect:} keys: {@code status}; {@code phases} (every phase as "TYPE STATUS", in order);
     * {@code contexts} (phase → its status contexts as "CODE: message"); {@code attempts} (phase → number of attempts);
     * {@code output} (every line of command output, exactly); {@code output-contains} (lines in this order, others
     * between them allowed); {@code messages-contain} (engine messages containing these texts, in order);
     * {@code nowhere} (texts that appear in no output line and no message); {@code exported} (the exported variables,
     * exactly); {@code artifacts} (each with {@code identifier}, {@code name}, {@code key}, {@code files}: the ZIP's
     * entries or the stored files, exactly, and {@code contents}); {@code reports} (group name → {@code format},
     * {@code status}, {@code summary}, {@code files}); {@code cache} ({@code key}, {@code restore}: hit/miss,
     * {@code matched-key}, {@code save}: saved/not-saved, {@code reason-contains}); {@code workspace-files} (path →
     * content after the build); {@code processes-gone} (workspace files holding a pid each: that process must not
     * run any more); {@code batch} ({@code status}, {@code children}: identifier → {@code status},
     * {@code output-contains}, {@code variables}, {@code not-run}).
     */
    private void check(String caseName, JsonNode expect, Run run, InMemoryArtifactStore artifactStore)
            throws IOException
    {
        Map<String, String> substitutions = new LinkedHashMap<>();
        substitutions.put("${SRC}", run.workspace().toString());
        substitutions.put("${PROJECT}", PROJECT);
        run.result().ifPresent(result -> substitutions.put("${BUILD_ID}", result.buildId()));
        String describe = "build of case " + caseName + ", with output:\n  " + String.join("\n  ", run.listener().output) + "\nand messages:\n  "
                + String.join("\n  ", run.listener().messages);

        if (run.result().isPresent()) {
            BuildResult result = run.result().get();
            if (expect.has("status")) {
                assertThat(result.status().name()).as("status of the %s", describe).isEqualTo(expect.get("status").asText());
            }
            if (expect.has("phases")) {
                List<String> phases = result.phases().stream().map(phase -> phase.type() + phase.status().map(status -> " " + status).orElse("")).toList();
                assertThat(phases).as("phases of the %s", describe).containsExactlyElementsOf(texts(expect.get("phases"), substitutions));
            }
            for (Map.Entry<String, JsonNode> entry : fields(expect.path("contexts"))) {
                PhaseRecord phase = phase(result, entry.getKey());
                List<String> contexts = phase.contexts().stream().map(context -> context.statusCode() + ": " + context.message()).toList();
                assertMatchesExactly(contexts, texts(entry.getValue(), substitutions), "contexts of " + entry.getKey() + " of the " + describe);
            }
            for (Map.Entry<String, JsonNode> entry : fields(expect.path("attempts"))) {
                assertThat(phase(result, entry.getKey()).attempts()).as("attempts of %s of the %s", entry.getKey(), describe).hasSize(entry.getValue().asInt());
            }
            if (expect.has("exported")) {
                assertThat(result.exportedVariables()).as("exported variables of the %s", describe).containsExactlyEntriesOf(strings(expect.get("exported")));
            }
            if (expect.has("artifacts")) {
                checkArtifacts(expect.get("artifacts"), result.artifacts(), artifactStore, substitutions, describe);
            }
            for (Map.Entry<String, JsonNode> entry : fields(expect.path("reports"))) {
                checkReport(entry.getKey(), entry.getValue(), result, describe);
            }
            if (expect.has("cache")) {
                checkCache(expect.get("cache"), result.cache(), describe);
            }
        }
        if (expect.has("output")) {
            assertMatchesExactly(run.listener().output, texts(expect.get("output"), substitutions), "output of the " + describe);
        }
        if (expect.has("output-contains")) {
            assertContainsInOrder(run.listener().output, texts(expect.get("output-contains"), substitutions), false, "output of the " + describe);
        }
        if (expect.has("messages-contain")) {
            assertContainsInOrder(run.listener().messages, texts(expect.get("messages-contain"), substitutions), true, "messages of the " + describe);
        }
        for (String text : texts(expect.path("nowhere"), substitutions)) {
            assertThat(run.listener().allText()).as("'%s' must appear nowhere in the %s", text, describe).doesNotContain(text);
            run.result().ifPresent(result -> result.phases().stream().flatMap(phase -> phase.contexts().stream()).map(StatusContext::message)
                    .forEach(message -> assertThat(message).doesNotContain(text)));
        }
        for (Map.Entry<String, JsonNode> entry : fields(expect.path("workspace-files"))) {
            Path file = run.workspace().resolve(entry.getKey());
            if (entry.getValue().isNull()) {
                assertThat(file).as("%s after the %s", entry.getKey(), describe).doesNotExist();
            }
            else {
                assertThat(file).as("%s after the %s", entry.getKey(), describe).hasContent(substitute(entry.getValue().asText(), substitutions));
            }
        }
        for (String pidFile : texts(expect.path("processes-gone"), substitutions)) {
            long pid = Long.parseLong(Files.readString(run.workspace().resolve(pidFile)).strip());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(running(pid)).as("process %s (from %s) still runs after the %s", pid, pidFile, describe).isFalse());
        }
        if (expect.has("batch")) {
            checkBatch(caseName, expect.get("batch"), run, substitutions, artifactStore);
        }
    }

    private static PhaseRecord phase(BuildResult result, String type)
    {
        return result.phases().stream().filter(phase -> phase.type().name().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("The build has no phase " + type + ": " + result.phases()));
    }

    private static void checkArtifacts(JsonNode expected, List<ArtifactOutcome> artifacts, InMemoryArtifactStore store, Map<String, String> substitutions,
            String describe)
            throws IOException
    {
        assertThat(artifacts).as("artifacts of the %s", describe).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = expected.get(i);
            ArtifactOutcome artifact = artifacts.get(i);
            assertThat(artifact.identifier().orElse("")).as("identifier of artifact %s", i).isEqualTo(want.path("identifier").asText(""));
            if (want.has("name")) {
                String name = substitute(want.get("name").asText(), substitutions);
                assertThat(matches(artifact.name(), name, false)).as("name of artifact %s: '%s' against '%s'", i, artifact.name(), name).isTrue();
            }
            if (want.has("key")) {
                String key = substitute(want.get("key").asText(), substitutions);
                assertThat(matches(artifact.key(), key, false)).as("key of artifact %s: '%s' against '%s'", i, artifact.key(), key).isTrue();
            }
            Map<String, String> contents = artifactContents(artifact, store);
            if (want.has("files")) {
                assertThat(contents.keySet()).as("files of artifact %s of the %s", artifact.key(), describe)
                        .containsExactlyElementsOf(texts(want.get("files"), substitutions));
            }
            for (Map.Entry<String, JsonNode> entry : fields(want.path("contents"))) {
                assertThat(contents.get(entry.getKey())).as("content of %s in artifact %s", entry.getKey(), artifact.key())
                        .isEqualTo(substitute(entry.getValue().asText(), substitutions));
            }
        }
    }

    /** @return the artifact's files (ZIP entries, or the files under a directory artifact's key) with their text */
    private static Map<String, String> artifactContents(ArtifactOutcome artifact, InMemoryArtifactStore store)
            throws IOException
    {
        Map<String, String> contents = new LinkedHashMap<>();
        switch (artifact.packaging()) {
            case ZIP -> {
                try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(store.content(ArtifactKey.of(artifact.key())).orElseThrow()))) {
                    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                        contents.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            case NONE -> {
                for (String key : store.keys().stream().map(ArtifactKey::path).toList()) {
                    if (key.startsWith(artifact.key())) {
                        try (InputStream content = store.open(ArtifactKey.of(key))) {
                            contents.put(key.substring(artifact.key().length()), new String(content.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
        return contents;
    }

    private static void checkReport(String group, JsonNode want, BuildResult result, String describe)
    {
        BuildReport report = result.reports().stream().filter(candidate -> candidate.files().reportGroupName().equals(group)).findFirst()
                .orElseThrow(() -> new AssertionError("No report group " + group + " in " + result.reports() + " of the " + describe));
        if (want.has("format")) {
            assertThat(report.report().format().name()).as("format of %s", group).isEqualTo(want.get("format").asText());
        }
        if (want.has("status")) {
            assertThat(report.report().status().name()).as("status of %s (problems %s)", group, report.report().problems()).isEqualTo(want.get("status").asText());
        }
        if (want.has("summary")) {
            assertThat(report.summary()).as("summary of %s", group).isEqualTo(want.get("summary").asText());
        }
        if (want.has("files")) {
            assertThat(report.files().files()).as("files of %s", group).containsExactlyElementsOf(texts(want.get("files"), Map.of()));
        }
    }

    private static void checkCache(JsonNode want, Optional<CacheOutcome> cache, String describe)
    {
        assertThat(cache).as("cache of the %s", describe).isPresent();
        CacheOutcome outcome = cache.get();
        if (want.has("key")) {
            assertThat(outcome.key()).as("cache key").contains(want.get("key").asText());
        }
        if (want.has("restore")) {
            switch (want.get("restore").asText()) {
                case "hit" -> assertThat(outcome.restore()).as("cache restore of the %s", describe).hasValueSatisfying(restore -> assertThat(restore.hit()).isTrue());
                case "miss" -> assertThat(outcome.restore()).as("cache restore of the %s", describe).hasValueSatisfying(restore -> assertThat(restore.hit()).isFalse());
                case "none" -> assertThat(outcome.restore()).as("cache restore of the %s", describe).isEmpty();
                default -> fail("restore must be hit, miss or none");
            }
        }
        if (want.has("matched-key")) {
            assertThat(outcome.restore().flatMap(CacheOutcome.Restore::matchedKey)).as("matched cache key").contains(want.get("matched-key").asText());
        }
        if (want.has("save")) {
            switch (want.get("save").asText()) {
                case "saved" -> assertThat(outcome.save()).as("cache save of the %s", describe).hasValueSatisfying(save -> assertThat(save.saved()).isTrue());
                case "not-saved" -> assertThat(outcome.save()).as("cache save of the %s", describe).hasValueSatisfying(save -> assertThat(save.saved()).isFalse());
                case "none" -> assertThat(outcome.save()).as("cache save of the %s", describe).isEmpty();
                default -> fail("save must be saved, not-saved or none");
            }
        }
        if (want.has("reason-contains")) {
            assertThat(outcome.save().flatMap(CacheOutcome.Save::reason)).as("why the cache was not saved").hasValueSatisfying(reason ->
                    assertThat(reason).contains(want.get("reason-contains").asText()));
        }
    }

    private void checkBatch(String caseName, JsonNode want, Run run, Map<String, String> substitutions, InMemoryArtifactStore artifactStore)
    {
        BatchResult batch = run.batch().orElseThrow(() -> new AssertionError("expect.batch needs job.batch: true"));
        String describe = "batch of case " + caseName + ", with messages:\n  " + String.join("\n  ", run.listener().messages);
        if (want.has("status")) {
            assertThat(batch.status().name()).as("status of the %s", describe).isEqualTo(want.get("status").asText());
        }
        if (want.has("children")) {
            List<String> identifiers = new ArrayList<>();
            want.get("children").fieldNames().forEachRemaining(identifiers::add);
            assertThat(batch.children()).extracting(BatchResult.Child::identifier).as("children of the %s", describe).containsExactlyElementsOf(identifiers);
        }
        for (Map.Entry<String, JsonNode> entry : fields(want.path("children"))) {
            BatchResult.Child child = batch.child(entry.getKey()).orElseThrow();
            JsonNode childWant = entry.getValue();
            if (childWant.has("not-run")) {
                assertThat(child.build()).as("child %s must not run", entry.getKey()).isEmpty();
                assertThat(child.notRunReason()).hasValueSatisfying(reason -> assertThat(reason).contains(childWant.get("not-run").asText()));
                continue;
            }
            BuildResult result = child.build().orElseThrow(() -> new AssertionError("child " + entry.getKey() + " did not run: " + child.notRunReason()));
            CapturingListener childListener = run.children().get(entry.getKey());
            String childDescribe = "child " + entry.getKey() + " with output:\n  " + String.join("\n  ", childListener.output);
            if (childWant.has("status")) {
                assertThat(result.status().name()).as("status of %s", childDescribe).isEqualTo(childWant.get("status").asText());
            }
            if (childWant.has("output-contains")) {
                assertContainsInOrder(childListener.output, texts(childWant.get("output-contains"), substitutions), false, "output of " + childDescribe);
            }
        }
        if (want.has("combined-files")) {
            ArtifactOutcome combined = batch.combinedArtifact().orElseThrow(() -> new AssertionError("no combined artifact in the " + describe));
            try {
                assertThat(artifactContents(combined, artifactStore).keySet()).as("files of the combined artifact")
                        .containsExactlyElementsOf(texts(want.get("combined-files"), substitutions));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static boolean running(long pid)
    {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            // A zombie has ended; only its parent has not collected it yet.
            return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        }
        catch (IOException e) {
            return false;
        }
    }

    private static void assertMatchesExactly(List<String> actual, List<String> expected, String what)
    {
        assertThat(actual).as("%s: %d lines", what, expected.size()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(matches(actual.get(i), expected.get(i), false)).as("%s, line %d: '%s' against '%s'", what, i + 1, actual.get(i), expected.get(i)).isTrue();
        }
    }

    private static void assertContainsInOrder(List<String> actual, List<String> expected, boolean substring, String what)
    {
        Iterator<String> lines = actual.iterator();
        for (String want : expected) {
            boolean found = false;
            while (lines.hasNext()) {
                if (matches(lines.next(), want, substring)) {
                    found = true;
                    break;
                }
            }
            assertThat(found).as("%s: '%s' (in this order)", what, want).isTrue();
        }
    }

    private static boolean matches(String actual, String expected, boolean substring)
    {
        if (expected.startsWith("~ ")) {
            return Pattern.compile(expected.substring(2)).matcher(actual).find();
        }
        return substring ? actual.contains(expected) : actual.equals(expected);
    }

    private static List<String> texts(JsonNode node, Map<String, String> substitutions)
    {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> texts.add(substitute(item.asText(), substitutions)));
        }
        else if (!node.isMissingNode() && !node.isNull()) {
            texts.add(substitute(node.asText(), substitutions));
        }
        return texts;
    }

    private static String substitute(String text, Map<String, String> substitutions)
    {
        String result = text;
        for (Map.Entry<String, String> entry : substitutions.entrySet()) {
            result = result.replace(entry.getKey(), entry.getValue());
        }
        return result;
    }

    private static Map<String, String> strings(JsonNode node)
    {
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node)
    {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        node.fields().forEachRemaining(fields::add);
        return fields;
    }

    private static void copyTree(Path caseDirectory, Path workspace, Path except)
            throws IOException
    {
        Path source = caseDirectory.resolve("source");
        try (Stream<Path> tree = Files.walk(caseDirectory)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                if (path.equals(caseDirectory) || path.equals(except) || path.equals(source)) {
                    continue;
                }
                // source/ holds the rest of the source tree; everything else in the case directory is the source's root.
                Path relative = path.startsWith(source) ? source.relativize(path) : caseDirectory.relativize(path);
                Path target = workspace.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root)
            throws IOException
    {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
        catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
