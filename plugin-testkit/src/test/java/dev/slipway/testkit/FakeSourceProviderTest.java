package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.source.Revision;

final class FakeSourceProviderTest
{
    private final FakeSourceProvider source = new FakeSourceProvider("fake://web");
    private final TestingSourceContext context = TestingSourceContext.create();

    @TempDir
    Path target;

    @Test
    void resolvesBranchesTagsCommitsAndPrefixes()
            throws IOException
    {
        Revision first = source.commit("main", Map.of("a.txt", "1"));
        Revision second = source.commit("main", Map.of("a.txt", "2"));
        Revision feature = source.commit("feature", Map.of("b.txt", "f"));
        source.tag("v1", first);

        assertThat(source.resolve(TestingRevisionRequest.defaultVersion(), context).id()).isEqualTo(second.id());
        assertThat(source.resolve(TestingRevisionRequest.of("feature"), context).id()).isEqualTo(feature.id());
        assertThat(source.resolve(TestingRevisionRequest.of("v1"), context)).isEqualTo(Revision.of(first.id()).withRef("v1").withUrl("fake://web"));
        assertThat(source.resolve(TestingRevisionRequest.of(first.id()), context).id()).isEqualTo(first.id());
        assertThat(source.resolve(TestingRevisionRequest.of(first.id().substring(0, 8)), context).id()).isEqualTo(first.id());
        assertThat(first.id()).matches("[0-9a-f]{40}").isNotEqualTo(second.id());
    }

    @Test
    void unknownVersionIsNotFoundAndNamesWhatExists()
    {
        source.commit("main", Map.of("a.txt", "1"));

        assertThatThrownBy(() -> source.resolve(TestingRevisionRequest.of("mian"), context))
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("'mian'")
                .hasMessageContaining("[main]");
    }

    @Test
    void fetchWritesTheTreeWithExecutableBits()
            throws IOException
    {
        Revision revision = source.commit("main", SourceTree.builder()
                .file("buildspec.yml", "version: 0.2\n")
                .executable("scripts/build.sh", "#!/bin/sh\necho built\n")
                .build());

        source.fetch(TestingFetchRequest.of(revision, target), context);

        assertThat(Files.readString(target.resolve("buildspec.yml"))).isEqualTo("version: 0.2\n");
        assertThat(Files.getPosixFilePermissions(target.resolve("scripts/build.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(target.resolve("buildspec.yml"))).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        assertThat(context.log().lines()).singleElement().asString().contains(revision.id());
        assertThat(source.fetchedRevisions()).containsExactly(revision);
    }

    @Test
    void scriptedFailuresHitOnlyTheNextCall()
            throws IOException
    {
        Revision revision = source.commit("main", Map.of("a.txt", "1"));
        source.failResolves(new IOException("host unreachable"));
        source.failFetches(new IOException("connection reset"));

        assertThatThrownBy(() -> source.resolve(TestingRevisionRequest.defaultVersion(), context)).hasMessage("host unreachable");
        assertThat(source.resolve(TestingRevisionRequest.defaultVersion(), context).id()).isEqualTo(revision.id());
        assertThatThrownBy(() -> source.fetch(TestingFetchRequest.of(revision, target), context)).hasMessage("connection reset");
        source.fetch(TestingFetchRequest.of(revision, target), context);
        assertThat(target.resolve("a.txt")).hasContent("1");
    }

    @Test
    void factoryHandsOutTheSameProvider()
            throws IOException
    {
        FakeSourceProviderFactory factory = new FakeSourceProviderFactory(source);
        try (TestingExtensionContext extensionContext = TestingExtensionContext.create()) {
            assertThat(factory.create(factory.configSchema().bind(Map.of()), extensionContext)).isSameAs(source);
        }
        assertThat(factory.id()).isEqualTo("fake");
    }

    @Test
    void treesRejectPathsThatEscapeTheTarget()
    {
        assertThatThrownBy(() -> SourceTree.builder().file("../escape", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourceTree.builder().file("/absolute", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourceTree.builder().file("a", "x").file("a/b", "y")).isInstanceOf(IllegalArgumentException.class);
    }
}
