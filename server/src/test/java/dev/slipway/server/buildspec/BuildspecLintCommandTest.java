package dev.slipway.server.buildspec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code slipway buildspec lint FILE…}, run through picocli as the {@code slipway} command runs it. */
class BuildspecLintCommandTest
{
    private static final String VALID = "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n";

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void validFileExitsZeroAndPrintsNothing()
            throws IOException
    {
        Path file = write("buildspec.yml", VALID);

        assertThat(lint(file.toString())).isEqualTo(0);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void warningsArePrintedAndTheExitStatusStaysZero()
            throws IOException
    {
        Path file = write("buildspec.yml", VALID + "artifacts:\n  files: out/*\n  discard_paths: yes\n");

        assertThat(lint(file.toString())).isEqualTo(0);
        assertThat(out.toString()).isEqualTo(file + ":8:3: warning: artifacts.discard_paths: unknown key 'discard_paths' is ignored; "
                + "did you mean 'discard-paths'?\n");
    }

    @Test
    void errorsArePrintedLikeACompilerAndExitOne()
            throws IOException
    {
        Path valid = write("valid.yml", VALID);
        Path invalid = write("invalid.yml", "phases:\n  build:\n    on-failure: NEVER\n    commands:\n      - echo Done:\n");

        assertThat(lint(valid.toString(), invalid.toString())).isEqualTo(1);
        assertThat(out.toString().lines()).containsExactly(
                invalid + ":1:1: error: version: is required; add 'version: 0.2' as the first line",
                invalid + ":3:17: error: phases.build.on-failure: expected ABORT, CONTINUE, RETRY, RETRY-<count>, RETRY-<regex> or "
                        + "RETRY-<count>-<regex>, but found 'NEVER'",
                invalid + ":5:9: error: phases.build.commands[0]: a command must be text, but YAML read this item as a mapping because "
                        + "it ends with ':'; quote the whole command: - 'echo Done:'");
    }

    @Test
    void invalidYamlIsOneLocatedError()
            throws IOException
    {
        Path file = write("buildspec.yml", "version: 0.2\nphases:\n  build:\n    commands:\n      - echo a: b: c\n");

        assertThat(lint(file.toString())).isEqualTo(1);
        assertThat(out.toString()).isEqualTo(file + ":5:18: error: invalid YAML: mapping values are not allowed here; "
                + "a value that contains ': ' must be quoted, e.g. - \"echo Result: ok\"\n");
    }

    @Test
    void unreadableFilesExitTwoAndTheOthersAreStillChecked()
            throws IOException
    {
        Path invalid = write("invalid.yml", "version: 0.9\nphases:\n  build:\n    commands: [make]\n");
        Path missing = directory.resolve("missing.yml");
        Path folder = Files.createDirectory(directory.resolve("folder.yml"));

        assertThat(lint(missing.toString(), invalid.toString(), folder.toString())).isEqualTo(2);
        assertThat(out.toString()).isEqualTo(invalid + ":1:10: error: version: unsupported version '0.9'; Slipway reads version 0.2 (and the legacy 0.1)\n");
        assertThat(err.toString().lines()).containsExactly(
                missing + ": error: cannot read the file: no such file",
                folder + ": error: cannot read the file: Is a directory");
    }

    @Test
    void noFileIsAUsageError()
    {
        assertThat(lint()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'").contains("Usage: lint");
    }

    @Test
    void helpDescribesTheExitStatus()
    {
        assertThat(lint("--help")).isEqualTo(0);
        assertThat(out.toString()).contains("Usage: lint [-h] FILE...", "Exit status:", "1   At least one file has an error.");
    }

    private int lint(String... arguments)
    {
        CommandLine commandLine = new CommandLine(new BuildspecLintCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(arguments);
    }

    private Path write(String name, String text)
            throws IOException
    {
        return Files.writeString(directory.resolve(name), text);
    }
}
