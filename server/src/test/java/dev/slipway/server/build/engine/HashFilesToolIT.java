package dev.slipway.server.build.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the {@code codebuild-hash-files} script with the machine's real {@code /bin/sh}. */
class HashFilesToolIT
{
    @TempDir
    Path directory;

    private String run(Path work, String... patterns)
            throws Exception
    {
        Path script = directory.resolve("codebuild-hash-files");
        Files.writeString(script, HashFilesTool.SCRIPT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", script.toString()));
        command.addAll(List.of(patterns));
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return output.toString(StandardCharsets.UTF_8).strip();
    }

    private static String sha256(String... contents)
            throws Exception
    {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (String content : contents) {
            digest.update(content.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void hashesTheContentsOfMatchingFilesInPathOrder()
            throws Exception
    {
        Path work = Files.createDirectories(directory.resolve("work"));
        Files.writeString(work.resolve("package-lock.json"), "{\"lock\":1}");
        Files.createDirectories(work.resolve("packages/b"));
        Files.createDirectories(work.resolve("packages/a"));
        Files.writeString(work.resolve("packages/b/package-lock.json"), "B");
        Files.writeString(work.resolve("packages/a/package-lock.json"), "A");
        Files.writeString(work.resolve("other.txt"), "ignored");

        assertThat(run(work, "package-lock.json")).isEqualTo(sha256("{\"lock\":1}"));
        assertThat(run(work, "**/package-lock.json")).isEqualTo(sha256("{\"lock\":1}", "A", "B"));
        assertThat(run(work, "nothing-matches")).isEqualTo(sha256());
    }
}
