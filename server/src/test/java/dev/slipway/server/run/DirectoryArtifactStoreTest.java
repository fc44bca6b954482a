package dev.slipway.server.run;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;
import dev.slipway.api.artifact.ArtifactRef;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person sees in {@code slipway run}'s artifact and cache directories (the contract test checks the rest). */
class DirectoryArtifactStoreTest
{
    @TempDir
    Path directory;

    private static ByteArrayInputStream text(String text)
    {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void artifactsArePlainFilesWithoutTheProjectAndBuildPrefix()
            throws IOException
    {
        DirectoryArtifactStore store = new DirectoryArtifactStore(directory, "web/web:1234/");

        ArtifactRef ref = store.put(ArtifactKey.of("web/web:1234/app.zip"), text("zip"), ArtifactMetadata.empty());

        assertThat(directory.resolve("app.zip")).hasContent("zip");
        assertThat(ref.location()).isEqualTo(directory.resolve("app.zip").toUri().toString());
        assertThat(store.list("web/")).extracting(found -> found.key().path()).containsExactly("web/web:1234/app.zip");
    }

    @Test
    void aKeyBelowAnotherKeysFileIsKeptInTheStoresOwnDirectory()
            throws IOException
    {
        DirectoryArtifactStore store = new DirectoryArtifactStore(directory, "");
        store.put(ArtifactKey.of("site"), text("a file named site"), ArtifactMetadata.empty());

        store.put(ArtifactKey.of("site/index.html"), text("below it"), ArtifactMetadata.empty());

        assertThat(directory.resolve("site")).hasContent("a file named site");
        assertThat(new String(store.open(ArtifactKey.of("site/index.html")).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("below it");
        assertThat(directory.resolve(".slipway/content/site.d/index.html.content")).hasContent("below it");
    }

    @Test
    void aFileThatIsThereWithoutADescriptionIsFoundAndHashed()
            throws IOException
    {
        Files.writeString(directory.resolve("by-hand.txt"), "put here by hand");
        DirectoryArtifactStore store = new DirectoryArtifactStore(directory, "");

        ArtifactRef ref = store.find(ArtifactKey.of("by-hand.txt")).orElseThrow();

        assertThat(ref.size()).isEqualTo(16);
        assertThat(ref.sha256()).isEqualTo("030b42fbad05456f58728cf7caf47779034a01932f66203ac9a5e2b59da7a39c");
        assertThat(store.find(ArtifactKey.of("elsewhere.txt"))).isEmpty();
    }
}
