package dev.slipway.plugins.directorysource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.source.Revision;
import dev.slipway.api.source.SourceContext;
import dev.slipway.api.source.SourceProvider;
import dev.slipway.testkit.TestingExtensionContext;
import dev.slipway.testkit.TestingFetchRequest;
import dev.slipway.testkit.TestingRevisionRequest;
import dev.slipway.testkit.TestingSourceContext;

final class DirectorySourceProviderTest
{
    @TempDir
    Path temp;

    private Path source;
    private final SourceContext context = TestingSourceContext.create();

    @BeforeEach
    void sourceTree()
            throws IOException
    {
        source = Files.createDirectories(temp.resolve("src"));
        Files.writeString(source.resolve("buildspec.yml"), "version: 0.2\n");
        Files.createDirectories(source.resolve("scripts"));
        Files.writeString(source.resolve("scripts/build.sh"), "#!/bin/sh\necho built\n");
        Files.setPosixFilePermissions(source.resolve("scripts/build.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(source.resolve("empty"));
        Files.createSymbolicLink(source.resolve("build"), Path.of("scripts/build.sh"));
        Files.writeString(source.resolve(".hidden"), "dot files are source too\n");
    }

    @Test
    void revisionIsTheTreeHashWithTheDirectoryAsUrl()
            throws Exception
    {
        Revision revision = provider(source).resolve(TestingRevisionRequest.defaultVersion(), context);

        assertThat(revision.id()).matches("[0-9a-f]{64}");
        assertThat(revision.url()).contains(source.toUri().toString());
        assertThat(revision.ref()).isEmpty();
    }

    @Test
    void sameFilesGiveTheSameRevisionWherever()
            throws Exception
    {
        Path copy = Files.createDirectories(temp.resolve("copy"));
        provider(source).fetch(TestingFetchRequest.of(resolve(source), copy), context);

        assertThat(resolve(copy).id()).isEqualTo(resolve(source).id());
    }

    @Test
    void revisionChangesWithContentNamesExecutableBitAndLinkTargets()
            throws Exception
    {
        String original = resolve(source).id();

        Files.writeString(source.resolve("buildspec.yml"), "version: 0.2\n# changed\n");
        String content = resolve(source).id();
        Files.setPosixFilePermissions(source.resolve("scripts/build.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        String mode = resolve(source).id();
        Files.delete(source.resolve("build"));
        Files.createSymbolicLink(source.resolve("build"), Path.of("buildspec.yml"));
        String link = resolve(source).id();
        Files.move(source.resolve(".hidden"), source.resolve(".renamed"));
        String name = resolve(source).id();
        Files.createDirectories(source.resolve("another-empty"));
        String directory = resolve(source).id();

        assertThat(java.util.List.of(original, content, mode, link, name, directory)).doesNotHaveDuplicates();
    }

    @Test
    void fetchCopiesFilesDirectoriesExecutableBitsAndLinks()
            throws Exception
    {
        Path target = Files.createDirectories(temp.resolve("workspace"));

        provider(source).fetch(TestingFetchRequest.of(resolve(source), target), context);

        assertThat(target.resolve("buildspec.yml")).hasContent("version: 0.2");
        assertThat(target.resolve(".hidden")).exists();
        assertThat(target.resolve("empty")).isDirectory();
        assertThat(Files.isExecutable(target.resolve("scripts/build.sh"))).isTrue();
        assertThat(Files.isSymbolicLink(target.resolve("build"))).isTrue();
        assertThat(Files.readSymbolicLink(target.resolve("build"))).isEqualTo(Path.of("scripts/build.sh"));
    }

    @Test
    void aVersionIsAcceptedOnlyIfItIsTheCurrentContent()
            throws Exception
    {
        String current = resolve(source).id();

        assertThat(provider(source).resolve(TestingRevisionRequest.of(current), context).id()).isEqualTo(current);
        assertThat(provider(source).resolve(TestingRevisionRequest.of(current.substring(0, 7).toUpperCase()), context).id()).isEqualTo(current);
        assertThatThrownBy(() -> provider(source).resolve(TestingRevisionRequest.of("main"), context))
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("has only its current content (revision " + current + ")")
                .hasMessageContaining("'main'");
        assertThatThrownBy(() -> provider(source).resolve(TestingRevisionRequest.of(current.substring(0, 6)), context))
                .isInstanceOf(SlipwayException.class);
    }

    @Test
    void aMissingDirectoryIsNotFoundNamingTheSetting()
    {
        assertThatThrownBy(() -> provider(temp.resolve("missing")).resolve(TestingRevisionRequest.defaultVersion(), context))
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining(temp.resolve("missing").toString())
                .hasMessageContaining("source.config.path");
    }

    @Test
    void fetchFailsWhenTheDirectoryChangedAfterItWasResolved()
            throws Exception
    {
        Revision revision = resolve(source);
        Files.writeString(source.resolve("buildspec.yml"), "version: 0.2\n# edited meanwhile\n");
        Path target = Files.createDirectories(temp.resolve("workspace"));

        assertThatThrownBy(() -> provider(source).fetch(TestingFetchRequest.of(revision, target), context))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("changed while the build fetched it");
    }

    @Test
    void anInterruptedFetchStops()
            throws Exception
    {
        Revision revision = resolve(source);
        Path target = Files.createDirectories(temp.resolve("workspace"));
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> provider(source).fetch(TestingFetchRequest.of(revision, target), context)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    private Revision resolve(Path directory)
            throws Exception
    {
        return provider(directory).resolve(TestingRevisionRequest.defaultVersion(), context);
    }

    private SourceProvider provider(Path directory)
    {
        return new DirectorySourceProviderFactory().create(new DirectorySourceProviderFactory().configSchema().bind(Map.of("path", directory.toString())),
                TestingExtensionContext.create());
    }
}
