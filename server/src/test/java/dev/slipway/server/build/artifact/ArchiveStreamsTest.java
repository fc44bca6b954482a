package dev.slipway.server.build.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveStreamsTest
{
    @TempDir
    Path directory;

    @Test
    void zipKeepsOrderModesAndSymlinksAsLinks()
            throws IOException
    {
        Path source = Files.createDirectories(directory.resolve("src"));
        Files.writeString(source.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(source.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(source.resolve("empty.txt"), "");
        Files.createSymbolicLink(source.resolve("link"), Path.of("run.sh"));
        CollectedFiles files = FileCollector.collect(source, new ArtifactSpec(List.of("**/*"), Optional.empty(), false, List.of(), true));

        Path zip = directory.resolve("out.zip");
        try (InputStream stream = ArchiveStreams.zip(files.files())) {
            Files.copy(stream, zip);
        }
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            List<String> names = new ArrayList<>();
            file.getEntries().asIterator().forEachRemaining(entry -> names.add(entry.getName()));
            assertThat(names).containsExactly("empty.txt", "link", "run.sh");
            ZipArchiveEntry link = file.getEntry("link");
            assertThat(link.isUnixSymlink()).isTrue();
            assertThat(file.getUnixSymlink(link)).isEqualTo("run.sh");
            assertThat(file.getEntry("run.sh").getUnixMode() & 0777).isEqualTo(0755);
            assertThat(new String(file.getInputStream(file.getEntry("run.sh")).readAllBytes())).isEqualTo("#!/bin/sh\necho hi\n");
        }
    }

    @Test
    void zipOfALargeFileStreamsWithoutHoldingItInMemory()
            throws IOException
    {
        Path big = directory.resolve("big.bin");
        byte[] block = new byte[1024 * 1024];
        new java.util.Random(1).nextBytes(block);
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 32; i++) {
                out.write(block);
            }
        }
        long total = 0;
        int largestRead = 0;
        byte[] buffer = new byte[8192];
        try (InputStream stream = ArchiveStreams.zip(List.of(new CollectedFile("big.bin", big, Optional.empty())))) {
            int count;
            while ((count = stream.read(buffer)) > 0) {
                total += count;
                largestRead = Math.max(largestRead, count);
            }
        }
        assertThat(total).isGreaterThan(32L * 1024 * 1024);
        assertThat(largestRead).isLessThanOrEqualTo(buffer.length);
    }

    @Test
    void tarGzRoundTripReplacesExistingFilesAndKeepsLinks()
            throws IOException
    {
        Path source = Files.createDirectories(directory.resolve("a"));
        Files.createDirectories(source.resolve("node_modules/.bin"));
        Files.writeString(source.resolve("node_modules/x.js"), "cached");
        Files.createSymbolicLink(source.resolve("node_modules/.bin/x"), Path.of("../x.js"));
        CollectedFiles files = FileCollector.collect(source, new ArtifactSpec(List.of("node_modules/**/*"), Optional.empty(), false, List.of(), true));
        byte[] archive;
        try (InputStream stream = ArchiveStreams.tarGz(files.files())) {
            archive = stream.readAllBytes();
        }
        Path target = Files.createDirectories(directory.resolve("b"));
        Files.createDirectories(target.resolve("node_modules"));
        Files.writeString(target.resolve("node_modules/x.js"), "from source");

        int written = ArchiveStreams.extractTarGz(new java.io.ByteArrayInputStream(archive), name -> Optional.of(target.resolve(name)));

        assertThat(written).isEqualTo(2);
        assertThat(Files.readString(target.resolve("node_modules/x.js"))).isEqualTo("cached");
        assertThat(Files.readSymbolicLink(target.resolve("node_modules/.bin/x"))).isEqualTo(Path.of("../x.js"));
    }

    @Test
    void extractRefusesEntriesThatLeaveTheirDirectory()
            throws IOException
    {
        Path evil = directory.resolve("evil.txt");
        Files.writeString(evil, "x");
        byte[] archive;
        try (InputStream stream = ArchiveStreams.tarGz(List.of(new CollectedFile("../escape.txt", evil, Optional.empty())))) {
            archive = stream.readAllBytes();
        }
        assertThatThrownBy(() -> ArchiveStreams.extractTarGz(new java.io.ByteArrayInputStream(archive), name -> Optional.of(directory.resolve(name))))
                .isInstanceOf(IOException.class).hasMessageContaining("outside");
    }
}
