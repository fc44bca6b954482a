package dev.slipway.plugins.filesystemartifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactRef;

/**
 * Kills a process that writes to the store ({@code kill -9}, at whatever point it has reached) again and again, and
 * checks after each kill that every key's metadata and content agree, that every acknowledged write is there, and that
 * the leftovers are ignored and then swept.
 */
final class FilesystemArtifactStoreCrashIT
{
    private static final int ROUNDS = 6;

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 300)
    void killingAWriterAtAnyPointNeverLeavesMetadataAndContentDisagreeing()
            throws Exception
    {
        Path root = temp.resolve("artifacts");
        int next = 1;
        int leftoversSeen = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int acknowledged = runAndKill(root, next, 1 + round % 3);

            FilesystemArtifactStore store = new FilesystemArtifactStore(root, FileSync.toDisk(), Clock.systemUTC(), LoggerFactory.getLogger("crash-test"));
            try {
                List<ArtifactRef> listed = store.list("");
                for (ArtifactRef ref : listed) {
                    assertAgrees(store, ref);
                    assertThat(store.find(ref.key())).hasValue(ref);
                }
                ArtifactRef replaced = store.find(ArtifactKey.of("crash/replaced")).orElseThrow();
                assertThat(seed(replaced)).as("the last acknowledged replace (round %s)", round).isGreaterThanOrEqualTo(acknowledged);
                assertThat(store.find(ArtifactKey.of("crash/added/" + acknowledged))).as("acknowledged add %s", acknowledged).isPresent();
                assertThat(listed).extracting(ref -> ref.key().path())
                        .as("acknowledged deletes stay deleted")
                        .noneMatch(key -> key.startsWith("crash/added/") && Integer.parseInt(key.substring("crash/added/".length())) < acknowledged - 1);

                long temporary = countFiles(root, ".tmp");
                long blobs = countFiles(root.resolve("blobs"), "") - countFiles(root.resolve("blobs"), ".tmp");
                leftoversSeen += temporary + (blobs - listed.size());

                FilesystemArtifactStore.SweepResult swept = store.sweep(Instant.now().plusSeconds(1));

                assertThat(countFiles(root, ".tmp")).as("temporary files after the sweep").isZero();
                assertThat(countFiles(root.resolve("blobs"), "")).as("one blob per key after the sweep (swept %s)", swept).isEqualTo(listed.size());
                for (ArtifactRef ref : store.list("")) {
                    assertAgrees(store, ref);
                }
                next = acknowledged + 1;
            }
            finally {
                store.close();
            }
        }
        System.out.println("Crash test: " + ROUNDS + " kills, " + leftoversSeen + " leftover files found and swept");
    }

    /** Starts a writer, kills it with SIGKILL after it acknowledged {@code iterations} iterations, and returns the last one. */
    private int runAndKill(Path root, int first, int iterations)
            throws IOException, InterruptedException
    {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(), root.toString(), String.valueOf(first))
                .redirectError(temp.resolve("writer-" + first + ".err").toFile())
                .start();
        int acknowledged = first - 1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("done ")) {
                    acknowledged = Integer.parseInt(line.substring(5));
                    if (acknowledged >= first + iterations - 1) {
                        process.destroyForcibly();
                        break;
                    }
                }
            }
        }
        finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the writer ended").isTrue();
        }
        assertThat(acknowledged).as("the writer made progress; see %s", temp.resolve("writer-" + first + ".err")).isGreaterThanOrEqualTo(first + iterations - 1);
        return acknowledged;
    }

    private static void assertAgrees(FilesystemArtifactStore store, ArtifactRef ref)
            throws IOException
    {
        long seed = seed(ref);
        assertThat(ref.size()).as("size of %s", ref.key()).isEqualTo(CrashingWriter.size(seed));
        MessageDigest expected = Sha256.newDigest();
        try (InputStream in = CrashingWriter.content(seed)) {
            expected.update(in.readAllBytes());
        }
        assertThat(ref.sha256()).as("SHA-256 of %s agrees with its seed", ref.key()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
        try (InputStream in = store.open(ref.key())) {
            // The store verifies size and SHA-256 against the metadata as the end is reached.
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static long seed(ArtifactRef ref)
    {
        return Long.parseLong(Optional.ofNullable(ref.metadata().attributes().get("seed")).orElseThrow());
    }

    private static long countFiles(Path directory, String suffix)
            throws IOException
    {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(file -> file.getFileName().toString().endsWith(suffix)).count();
        }
    }
}
