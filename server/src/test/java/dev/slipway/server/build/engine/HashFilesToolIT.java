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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.slipway.server.build.artifact.ArtifactSpec;
import dev.slipway.server.build.artifact.CollectedFile;
import dev.slipway.server.build.artifact.FileCollector;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the {@code codebuild-hash-files} script with the machine's real shells and awk. */
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

    /** Globs with every feature of the syntax, and malformed ones; each must select what artifacts.files selects. */
    private static final List<String> GLOBS = List.of(
            "**/*", "*", "**", "*.txt", "**/*.txt", "src/**/*", "src/**", "src/*", "src/", "./src/main", "src", "src/main/",
            "**/main/**/*.java", "src/**/**/*.java", "**/**/*.java", "a/**/b/**/c/*", "**/.*", "**/.*/**/*", ".hidden/*", ".env",
            "?.txt", "??.txt", "src/?ain/*", "*.{txt,md}", "{src,docs}/**", "{,src/}*.txt", "{}", "[ab].txt", "[!ab].txt", "[a-c].txt",
            "[a-].txt", "[]a].txt", "[!]a].txt", "[^ab].txt", "*[]]*", "*\\]*", "*\\**", "x,y", "{x\\,y,z}", "a]b", "{c}", "\\{c\\}",
            "d-e", "f^g", "[f^]^g", "[-d]-e", "*[[]*", "*&&*", "sp ace.txt", "  sp ace.txt  ", "*é*", "[é].txt", "[aé日].txt", "[日]本.txt", "日本.txt", "??.txt", "?",
            "linked/*", "linked", "linked/**/*", "loop/**", "src/../a.txt", "src//main/App.java", "src/main/../main/App.java",
            "nothing", "nothing/**", "*.nothing",
            // malformed: each is an error for artifacts too
            "/etc/passwd", "", "./", ".", "[a", "[]", "[!]", "{a", "{a,{b}}", "a\\", "[--a].txt", "[c-a].txt", "[a/b]");

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "/bin/bash"})
    void selectsExactlyWhatArtifactFilesSelect(String shell)
            throws Exception
    {
        Path work = Files.createDirectories(directory.resolve("tree"));
        for (String file : List.of("a.txt", "b.txt", "c.txt", "d.txt", "ab.txt", "-.txt", "].txt", "^.txt", "README.md", ".env", ".hidden/secret",
                ".hidden/.deeper/x", "src/main/App.java", "src/main/util/Util.java", "src/test/AppTest.java", "src/notes.txt",
                "docs/guide.md", "a/b/c/d", "a/x/b/y/c/z", "a/b/c/e/f", "x,y", "z", "a]b", "{c}", "d-e", "f^g", "x\\y", "a&&b",
                "sp ace.txt", "é.txt", "日本.txt", "ü", "lib/only/deep.jar")) {
            Path path = work.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, file + "\n");
        }
        Files.createDirectories(work.resolve("empty-dir"));
        Files.createSymbolicLink(work.resolve("linked"), work.resolve("src/main"));
        Files.createSymbolicLink(work.resolve("broken.txt"), work.resolve("does-not-exist"));
        Files.createDirectories(work.resolve("loop"));
        Files.createSymbolicLink(work.resolve("loop/self"), work.resolve("loop"));
        Files.writeString(work.resolve("loop/file"), "loop/file\n");
        // The digest shows the concatenated contents (each file holds its own path), so a mismatch names the files.
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Path digest = bin.resolve("sha256sum");
        Files.writeString(digest, "#!/bin/sh\nexec tr '\\n ' ';_'\n");
        Files.setPosixFilePermissions(digest, PosixFilePermissions.fromString("rwxr-xr-x"));

        for (String glob : GLOBS) {
            String expected;
            try {
                StringBuilder contents = new StringBuilder();
                for (CollectedFile file : FileCollector.collect(work, ArtifactSpec.of(List.of(glob))).files()) {
                    contents.append(Files.readString(file.source()));
                }
                expected = contents.toString().replace('\n', ';').replace(' ', '_');
            }
            catch (IllegalArgumentException e) {
                expected = "exit 2";
            }
            Result result = runScript(shell, work, bin, glob);
            String actual = result.exitStatus == 0 ? result.output.strip() : "exit " + result.exitStatus;
            assertThat(actual).as("codebuild-hash-files '%s' (%s); stderr/output: %s", glob, shell, result.output).isEqualTo(expected);
        }
        // Several globs select the union, each file once, in path order.
        assertThat(runScript(shell, work, bin, "b.txt", "*.txt", "docs/*").output.strip()).isEqualTo("-.txt;].txt;^.txt;a.txt;ab.txt;b.txt;c.txt;d.txt;docs/guide.md;sp_ace.txt;é.txt;日本.txt;");
    }

    private record Result(int exitStatus, String output) {}

    private Result runScript(String shell, Path work, Path bin, String... globs)
            throws Exception
    {
        Path script = directory.resolve("codebuild-hash-files");
        Files.writeString(script, HashFilesTool.SCRIPT);
        List<String> command = new java.util.ArrayList<>(List.of(shell, script.toString()));
        command.addAll(List.of(globs));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }

    @Test
    void malformedGlobFailsWithAMessageThatNamesIt()
            throws Exception
    {
        Path work = Files.createDirectories(directory.resolve("work"));
        Result result = runScript("/bin/sh", work, directory, "{a,{b}}");
        assertThat(result.exitStatus).isEqualTo(2);
        assertThat(result.output).contains("codebuild-hash-files: the glob {a,{b}} nests {...} groups");
        assertThat(runScript("/bin/sh", work, directory, "/etc/passwd").output).contains("the glob /etc/passwd is absolute");
        assertThat(runScript("/bin/sh", work, directory).output).contains("usage: codebuild-hash-files <glob>...");
        // The documented limit of the byte-wise awk: refused, never a wrong answer.
        assertThat(runScript("/bin/sh", work, directory, "[!é].txt").output).contains("has a non-ASCII character inside [!...]");
        assertThat(runScript("/bin/sh", work, directory, "[à-ü].txt").output).contains("has a range of non-ASCII characters");
    }
}
