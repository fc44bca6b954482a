package dev.slipway.server.build.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import dev.slipway.server.build.report.ReportStatus;
import dev.slipway.server.build.report.TestCase;
import dev.slipway.server.build.report.TestReport;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactStoreCapability;
import dev.slipway.server.build.testing.TickingClock;
import dev.slipway.testkit.InMemoryArtifactStore;
import dev.slipway.server.buildspec.Buildspec;

import static dev.slipway.server.build.engine.Specs.buildspec;
import static dev.slipway.server.buildspec.Buildspec.PhaseName.BUILD;
import static org.assertj.core.api.Assertions.assertThat;

class ArtifactsAndCacheTest
{
    @TempDir
    Path workspace;

    private final InMemoryArtifactStore store = new InMemoryArtifactStore(EnumSet.allOf(ArtifactStoreCapability.class), new TickingClock());

    private byte[] content(String key)
    {
        return store.content(ArtifactKey.of(key)).orElseThrow(() -> new AssertionError("No artifact " + key + "; the store has " + store.keys()));
    }

    private List<String> keys()
    {
        return store.keys().stream().map(ArtifactKey::path).toList();
    }

    private java.time.Instant storedAt(String key)
            throws IOException
    {
        return store.find(ArtifactKey.of(key)).orElseThrow().createdAt();
    }

    private static List<String> zipEntries(byte[] zip)
            throws IOException
    {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private void write(String file, String content)
            throws IOException
    {
        Path path = workspace.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }

    private ArtifactSettings settings(ArtifactSettings.Packaging packaging, boolean override, Map<String, ArtifactSettings.Target> secondary)
    {
        return new ArtifactSettings(Optional.of(store), Optional.of(new ArtifactSettings.Target("web-output", packaging, override)), secondary, Optional.empty());
    }

    private static Buildspec.Artifacts artifacts(List<String> files, Optional<String> name, Optional<String> baseDirectory, Map<String, Buildspec.Artifacts> secondary)
    {
        return new Buildspec.Artifacts(files, name, false, baseDirectory, List.of(), false, Optional.empty(), secondary);
    }

    @Test
    void primaryArtifactIsZippedAndStoredUnderProjectBuildIdAndName()
            throws IOException
    {
        write("target/app.jar", "jar");
        write("target/lib/dep.jar", "dep");
        EngineFixture fixture = new EngineFixture(workspace);
        BuildResult result = fixture.run(buildspec().phase(BUILD, "mvn package")
                        .artifacts(artifacts(List.of("**/*"), Optional.empty(), Optional.of("target"), Map.of())).build(),
                fixture.job().artifacts(settings(ArtifactSettings.Packaging.ZIP, false, Map.of())));

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        String key = "web/" + fixture.buildId + "/web-output.zip";
        assertThat(result.artifacts()).singleElement().satisfies(artifact -> {
            assertThat(artifact.key()).isEqualTo(key);
            assertThat(artifact.fileCount()).isEqualTo(2);
            assertThat(artifact.size()).isEqualTo(content(key).length);
            assertThat(artifact.identifier()).isEmpty();
        });
        assertThat(zipEntries(content(key))).containsExactly("app.jar", "lib/dep.jar");
    }

    @Test
    void noMatchingFilesFailsUploadArtifactsWithClientError()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        BuildResult result = fixture.run(buildspec().phase(BUILD, "true").artifacts(Specs.artifactFiles("dist/**/*")).build(),
                fixture.job().artifacts(settings(ArtifactSettings.Packaging.ZIP, false, Map.of())));

        assertThat(result.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(result.phase(BuildPhaseType.UPLOAD_ARTIFACTS).orElseThrow().contexts())
                .containsExactly(new StatusContext("CLIENT_ERROR", "no matching artifact paths found"));
    }

    @Test
    void artifactNameIsEvaluatedByTheShellWhenTheProjectAllowsOverriding()
            throws IOException
    {
        write("out.txt", "x");
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.expands("builds/$CODEBUILD_BUILD_NUMBER/app-$(date +%F)", "builds/7/app-2026-11-26");
        BuildResult result = fixture.run(buildspec().phase(BUILD, "true")
                        .artifacts(artifacts(List.of("out.txt"), Optional.of("builds/$CODEBUILD_BUILD_NUMBER/app-$(date +%F)"), Optional.empty(), Map.of())).build(),
                fixture.job().artifacts(settings(ArtifactSettings.Packaging.ZIP, true, Map.of())));

        assertThat(result.artifacts()).singleElement()
                .satisfies(artifact -> assertThat(artifact.key()).isEqualTo("web/" + fixture.buildId + "/builds/7/app-2026-11-26.zip"));
    }

    @Test
    void secondaryArtifactsUseTheProjectsIdentifiersAndUnknownOnesFail()
            throws IOException
    {
        write("a.txt", "a");
        write("docs/index.html", "d");
        Map<String, Buildspec.Artifacts> secondary = Map.of("docs", artifacts(List.of("**/*"), Optional.empty(), Optional.of("docs"), Map.of()));
        EngineFixture fixture = new EngineFixture(workspace);
        BuildResult result = fixture.run(buildspec().phase(BUILD, "true").artifacts(artifacts(List.of("a.txt"), Optional.empty(), Optional.empty(), secondary)).build(),
                fixture.job().artifacts(settings(ArtifactSettings.Packaging.ZIP, false,
                        Map.of("docs", new ArtifactSettings.Target("site", ArtifactSettings.Packaging.NONE, false)))));

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(result.artifacts()).extracting(ArtifactOutcome::identifier, ArtifactOutcome::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Optional.empty(), "web/" + fixture.buildId + "/web-output.zip"),
                org.assertj.core.groups.Tuple.tuple(Optional.of("docs"), "web/" + fixture.buildId + "/site/"));
        assertThat(new String(content("web/" + fixture.buildId + "/site/index.html"))).isEqualTo("d");

        EngineFixture unknown = new EngineFixture(workspace);
        BuildResult failed = unknown.run(buildspec().phase(BUILD, "true").artifacts(artifacts(List.of("a.txt"), Optional.empty(), Optional.empty(), secondary)).build(),
                unknown.job().artifacts(settings(ArtifactSettings.Packaging.ZIP, false, Map.of("reports", new ArtifactSettings.Target("r", ArtifactSettings.Packaging.ZIP, false)))));
        assertThat(failed.phase(BuildPhaseType.UPLOAD_ARTIFACTS).orElseThrow().contexts()).singleElement()
                .satisfies(context -> assertThat(context.message()).isEqualTo("Secondary artifact 'docs' is not one of the project's secondary artifacts [reports]"));
    }

    @Test
    void remoteEnvironmentsAreReadThroughDownload()
            throws IOException
    {
        write("out.txt", "x");
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.remote();
        BuildResult result = fixture.run(buildspec().phase(BUILD, "true").artifacts(Specs.artifactFiles("out.txt")).build(),
                fixture.job().artifacts(settings(ArtifactSettings.Packaging.ZIP, false, Map.of())));

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(fixture.executor.uploads).anyMatch(upload -> upload.endsWith("-> " + workspace));
        assertThat(zipEntries(content(result.artifacts().get(0).key()))).containsExactly("out.txt");
    }

    @Test
    void reportFilesAreFoundPerGroupAtTheEndOfTheBuild()
            throws IOException
    {
        write("target/surefire-reports/TEST-a.xml", "<testsuite name='a'><testcase name='one'/><testcase name='two'><failure message='no'/></testcase></testsuite>");
        write("target/surefire-reports/TEST-b.xml", "<testsuite name='b'><testcase name='three'><skipped/></testcase></testsuite>");
        write("target/surefire-reports/TEST-broken.xml", "<testsuite name='c'>");
        EngineFixture fixture = new EngineFixture(workspace);
        BuildResult result = fixture.run(buildspec().phase(BUILD, "mvn test").report("unit", "JUNITXML", "target/surefire-reports/*.xml").build());

        assertThat(result.reports()).hasSize(1);
        BuildReport report = result.reports().get(0);
        assertThat(report.files()).isEqualTo(new ReportFiles("unit", "web-unit", "JUNITXML",
                List.of("target/surefire-reports/TEST-a.xml", "target/surefire-reports/TEST-b.xml", "target/surefire-reports/TEST-broken.xml")));
        TestReport tests = (TestReport) report.report();
        assertThat(tests.cases()).extracting(TestCase::name).containsExactly("one", "two", "three");
        assertThat(tests.status()).isEqualTo(ReportStatus.INCOMPLETE);
        assertThat(tests.problems()).singleElement().satisfies(problem -> assertThat(problem.file()).isEqualTo("target/surefire-reports/TEST-broken.xml"));
        assertThat(report.summary()).isEqualTo("3 tests: 1 succeeded, 1 failed, 1 skipped (INCOMPLETE)");
        assertThat(fixture.listener.engineMessages).contains("Report group web-unit: 3 JUNITXML files, 3 tests: 1 succeeded, 1 failed, 1 skipped (INCOMPLETE)");
        assertThat(fixture.listener.reportContents).hasSize(3).first().asString().startsWith("web-unit:<testsuite name='a'>");
    }

    private BuildResult cachedBuild(Buildspec.Cache cache, ScriptedSetup setup)
            throws IOException
    {
        EngineFixture fixture = new EngineFixture(workspace);
        setup.apply(fixture.executor);
        return fixture.run(buildspec().phase(BUILD, "npm ci").cache(cache).build(),
                fixture.job().cache(new CacheSettings(Optional.of(store), Optional.empty())));
    }

    @FunctionalInterface
    private interface ScriptedSetup
    {
        void apply(ScriptedExecutor executor);
    }

    private static Buildspec.Cache cache(Optional<String> key, List<String> fallbacks, List<String> paths)
    {
        return new Buildspec.Cache(paths, key, fallbacks, Optional.empty());
    }

    @Test
    void unkeyedCacheIsSavedAfterTheBuildRestoredBeforeTheNextAndReplacedEachTime()
            throws IOException
    {
        write("node_modules/x/index.js", "v1");
        BuildResult first = cachedBuild(cache(Optional.empty(), List.of(), List.of("node_modules/**/*")), executor -> { });
        assertThat(first.cache().orElseThrow().restore().orElseThrow().hit()).isFalse();
        assertThat(first.cache().orElseThrow().save().orElseThrow().saved()).isTrue();
        assertThat(keys()).containsExactly("cache/web/project.tar.gz");
        java.time.Instant firstSave = storedAt("cache/web/project.tar.gz");

        write("node_modules/x/index.js", "changed in the source");
        BuildResult second = cachedBuild(cache(Optional.empty(), List.of(), List.of("node_modules/**/*")), executor -> { });
        assertThat(second.cache().orElseThrow().restore().orElseThrow().hit()).isTrue();
        assertThat(second.cache().orElseThrow().save().orElseThrow().saved()).isTrue();
        assertThat(storedAt("cache/web/project.tar.gz")).as("replaced by the second build").isAfter(firstSave);
    }

    @Test
    void cachedItemsOverrideSameNamedSourceItems()
            throws IOException
    {
        write("node_modules/x/index.js", "cached");
        cachedBuild(cache(Optional.of("npm-1"), List.of(), List.of("node_modules/**/*")), executor -> { });
        write("node_modules/x/index.js", "from source");

        BuildResult result = cachedBuild(cache(Optional.of("npm-1"), List.of(), List.of("node_modules/**/*")), executor -> { });

        assertThat(result.cache().orElseThrow().restore().orElseThrow().hit()).isTrue();
        assertThat(Files.readString(workspace.resolve("node_modules/x/index.js"))).isEqualTo("cached");
    }

    @Test
    void keyIsEvaluatedInTheShellAndKeyedEntriesAreNeverUpdated()
            throws IOException
    {
        write("node_modules/x/index.js", "v1");
        String keyText = "npm-$(codebuild-hash-files package-lock.json)";
        BuildResult first = cachedBuild(cache(Optional.of(keyText), List.of(), List.of("node_modules/**/*")), executor -> executor.expands(keyText, "npm-abc123"));
        assertThat(first.cache().orElseThrow().key()).contains("npm-abc123");
        assertThat(first.cache().orElseThrow().save().orElseThrow().saved()).isTrue();
        assertThat(keys()).hasSize(1);
        java.time.Instant firstSave = storedAt(keys().get(0));

        BuildResult second = cachedBuild(cache(Optional.of(keyText), List.of(), List.of("node_modules/**/*")), executor -> executor.expands(keyText, "npm-abc123"));
        assertThat(second.cache().orElseThrow().restore().orElseThrow()).satisfies(restore -> {
            assertThat(restore.hit()).isTrue();
            assertThat(restore.matchedKey()).contains("npm-abc123");
        });
        assertThat(second.cache().orElseThrow().save().orElseThrow().saved()).isFalse();
        assertThat(second.cache().orElseThrow().save().orElseThrow().reason()).hasValueSatisfying(reason -> assertThat(reason).contains("never updated"));
        assertThat(keys()).hasSize(1);
        assertThat(storedAt(keys().get(0))).as("the keyed entry was not written again").isEqualTo(firstSave);
    }

    @Test
    void fallbackKeysArePrefixMatchesTriedInOrderNewestEntryFirst()
            throws IOException
    {
        write("node_modules/x/index.js", "v1");
        cachedBuild(cache(Optional.of("npm-main-1"), List.of(), List.of("node_modules/**/*")), executor -> { });
        cachedBuild(cache(Optional.of("npm-main-2"), List.of(), List.of("node_modules/**/*")), executor -> { });
        cachedBuild(cache(Optional.of("other-1"), List.of(), List.of("node_modules/**/*")), executor -> { });

        BuildResult result = cachedBuild(cache(Optional.of("npm-feature-9"), List.of("npm-feature-", "npm-main-", "other-"), List.of("node_modules/**/*")), executor -> { });

        assertThat(result.cache().orElseThrow().restore().orElseThrow()).satisfies(restore -> {
            assertThat(restore.hit()).isTrue();
            assertThat(restore.matchedKey()).contains("npm-main-2");
        });
    }

    @Test
    void sameKeyWithDifferentPathsIsADifferentEntry()
            throws IOException
    {
        write("node_modules/x/index.js", "v1");
        write(".m2/repo/a.jar", "jar");
        BuildResult npm = cachedBuild(cache(Optional.of("deps"), List.of(), List.of("node_modules/**/*")), executor -> { });
        BuildResult maven = cachedBuild(cache(Optional.of("deps"), List.of(), List.of(".m2/**/*")), executor -> { });

        assertThat(maven.cache().orElseThrow().restore().orElseThrow().hit()).isFalse();
        assertThat(maven.cache().orElseThrow().version()).isNotEqualTo(npm.cache().orElseThrow().version());
        assertThat(keys()).hasSize(2);
    }

    @Test
    void fallbackKeysNeedAListingStore()
            throws IOException
    {
        InMemoryArtifactStore plain = new InMemoryArtifactStore(EnumSet.noneOf(ArtifactStoreCapability.class));
        EngineFixture fixture = new EngineFixture(workspace);
        BuildResult result = fixture.run(buildspec().phase(BUILD, "true").cache(cache(Optional.of("k"), List.of("k-"), List.of("x/**/*"))).build(),
                fixture.job().cache(new CacheSettings(Optional.of(plain), Optional.empty())));

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(result.cache().orElseThrow().restore().orElseThrow().hit()).isFalse();
        assertThat(fixture.listener.engineMessages).contains("Skipping fallback keys: the cache's artifact store cannot list its entries");
    }

    @Test
    void restoreOnlyAndSaveOnlyActions()
            throws IOException
    {
        write("node_modules/x/index.js", "v1");
        BuildResult restoreOnly = cachedBuild(new Buildspec.Cache(List.of("node_modules/**/*"), Optional.of("k"), List.of(), Optional.of(Buildspec.CacheAction.RESTORE)), executor -> { });
        assertThat(restoreOnly.cache().orElseThrow().save()).isEmpty();
        assertThat(keys()).isEmpty();

        BuildResult saveOnly = cachedBuild(new Buildspec.Cache(List.of("node_modules/**/*"), Optional.of("k"), List.of(), Optional.of(Buildspec.CacheAction.SAVE)), executor -> { });
        assertThat(saveOnly.cache().orElseThrow().restore()).isEmpty();
        assertThat(saveOnly.cache().orElseThrow().save().orElseThrow().saved()).isTrue();
    }
}
