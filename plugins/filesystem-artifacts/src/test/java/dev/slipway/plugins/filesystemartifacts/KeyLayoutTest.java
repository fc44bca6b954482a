package dev.slipway.plugins.filesystemartifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.artifact.ArtifactKey;

final class KeyLayoutTest
{
    private final Path keys = Path.of("/srv/artifacts/keys");
    private final KeyLayout layout = new KeyLayout(keys);

    @Test
    void segmentsBecomeDirectoriesAndTheLastOneAPointerFile()
    {
        assertThat(layout.pointerFile(ArtifactKey.of("builds/web/output.zip"))).isEqualTo(keys.resolve("builds.d/web.d/output.zip.ref"));
        assertThat(layout.pointerFile(ArtifactKey.of("a"))).isEqualTo(keys.resolve("a.ref"));
    }

    @Test
    void percentIsEscapedSoHashedNamesCannotCollideWithGivenOnes()
    {
        assertThat(KeyLayout.encode("100%")).isEqualTo("100%25");
        assertThat(KeyLayout.encode("a%~b")).isEqualTo("a%25~b");
        assertThat(KeyLayout.encode("日本語 name")).isEqualTo("日本語 name");
    }

    @Test
    void longSegmentsKeepAReadablePrefixAndAHashOfTheWhole()
    {
        String segment = "é".repeat(150);
        String encoded = KeyLayout.encode(segment);

        assertThat(encoded).startsWith("é".repeat(50) + "%~").hasSize(50 + 2 + 40);
        assertThat(encoded.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(KeyLayout.MAX_NAME_BYTES);
        assertThat(KeyLayout.encode("é".repeat(149) + "e")).isNotEqualTo(encoded);
        assertThat(KeyLayout.encode("x".repeat(200))).isEqualTo("x".repeat(200));
        assertThat(KeyLayout.encode("x".repeat(201))).contains("%~");
    }

    @Test
    void listingStartsAtTheDirectoryOfThePrefixsCompleteSegments()
    {
        assertThat(layout.listingDirectory("")).contains(keys);
        assertThat(layout.listingDirectory("build")).contains(keys);
        assertThat(layout.listingDirectory("builds/")).contains(keys.resolve("builds.d"));
        assertThat(layout.listingDirectory("builds/web/out")).contains(keys.resolve("builds.d/web.d"));
        assertThat(layout.listingDirectory("builds//x")).as("no key has an empty segment").isEmpty();
        assertThat(layout.listingDirectory("../x")).isEmpty();
        assertThat(layout.listingDirectory("/abs")).isEmpty();
    }

    @Test
    void pathsTooLongForTheFilesystemAreRefusedWithAClearMessage()
    {
        StringBuilder key = new StringBuilder("k");
        while (key.length() + 2 <= ArtifactKey.MAX_LENGTH) {
            key.append("/€");
        }
        KeyLayout deepRoot = new KeyLayout(Path.of("/" + "r".repeat(2000)));

        assertThatThrownBy(() -> deepRoot.pointerFile(ArtifactKey.of(key.toString())))
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("too long for the filesystem artifact store");
        assertThat(layout.pointerFile(ArtifactKey.of(key.toString()))).startsWithRaw(keys);
    }
}
