package dev.slipway.server.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad buildspecs through {@code slipway run} and the engine (parsed in DOWNLOAD_SOURCE, as CodeBuild does): each
 * ends with a clean error — the build FAILED in DOWNLOAD_SOURCE with YAML_FILE_ERROR, a line, a column and a message
 * a person understands — or a correct run; never a crash, a stack trace or a hang.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadInputIT
        extends RunCommandTestBase
{
    private int runBuildspec(byte[] buildspec)
            throws IOException
    {
        Path source = Files.createDirectories(directory.resolve("bad"));
        Files.write(source.resolve("buildspec.yml"), buildspec);
        return run("--source", source.toString());
    }

    private void assertFailedInDownloadSource(String... messages)
    {
        assertThat(out()).contains("--- DOWNLOAD_SOURCE FAILED (", "    YAML_FILE_ERROR: ");
        assertThat(out()).contains(messages);
        assertThat(out() + err()).doesNotContain("Exception", "\tat ");
        assertThat(out()).containsPattern("(?m)^Build FAILED in ");
    }

    @Test
    void missingVersion()
            throws IOException
    {
        assertThat(runBuildspec("phases:\n  build:\n    commands:\n      - echo hi\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(RunExitCodes.FAILED);
        assertFailedInDownloadSource("buildspec.yml:1:1: error: version: ");
        assertThat(out()).doesNotContain("\nhi\n");
    }

    @Test
    void unknownPhase()
            throws IOException
    {
        assertThat(runBuildspec("version: 0.2\nphases:\n  biuld:\n    commands:\n      - echo hi\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(RunExitCodes.FAILED);
        assertFailedInDownloadSource("buildspec.yml:3:3: error: phases.biuld: ");
    }

    @Test
    void wrongTypes()
            throws IOException
    {
        String buildspec = """
                version: 0.2
                env:
                  variables: [A, B]
                phases:
                  build:
                    on-failure: SOMETIMES
                    commands:
                      nested: mapping
                artifacts:
                  discard-paths: maybe
                  files: ['**/*']
                """;
        assertThat(runBuildspec(buildspec.getBytes(StandardCharsets.UTF_8))).isEqualTo(RunExitCodes.FAILED);
        assertFailedInDownloadSource("buildspec.yml:3:14: error: env.variables: ", "buildspec.yml:6:17: error: phases.build.on-failure: ",
                "buildspec.yml:8:7: error: phases.build.commands: ", "buildspec.yml:10:18: error: artifacts.discard-paths: ");
    }

    @Test
    void tenMegabyteBuildspecIsRefusedUnread()
            throws IOException
    {
        StringBuilder text = new StringBuilder("version: 0.2\nphases:\n  build:\n    commands:\n");
        while (text.length() < 10 * 1024 * 1024) {
            text.append("      - echo 'a long build command that makes the file large, line after line'\n");
        }
        assertThat(runBuildspec(text.toString().getBytes(StandardCharsets.UTF_8))).isEqualTo(RunExitCodes.FAILED);

        assertFailedInDownloadSource("buildspec.yml:1:1: error: the buildspec is more than 4,194,304 bytes; the limit is 4,194,304 bytes (4 MiB)");
    }

    @Test
    void binaryGarbage()
            throws IOException
    {
        byte[] garbage = new byte[64 * 1024];
        new Random(3).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        // Text first, so that the error's line and column are somewhere in the middle.
        byte[] buildspec = new byte[garbage.length + 20];
        System.arraycopy("version: 0.2\nphases:".getBytes(StandardCharsets.US_ASCII), 0, buildspec, 0, 20);
        System.arraycopy(garbage, 0, buildspec, 20, garbage.length);

        assertThat(runBuildspec(buildspec)).isEqualTo(RunExitCodes.FAILED);
        assertFailedInDownloadSource("buildspec.yml:2:8: error: the file is not UTF-8 text (byte 0xFF cannot start or continue a UTF-8 character)");
    }

    @Test
    void binaryGarbageThatDecodesIsAYamlErrorNotACrash()
            throws IOException
    {
        // Valid UTF-8 made of control characters and stray indicators.
        StringBuilder text = new StringBuilder();
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            text.append((char) random.nextInt(0x80));
        }
        assertThat(runBuildspec(text.toString().getBytes(StandardCharsets.UTF_8))).isEqualTo(RunExitCodes.FAILED);
        assertFailedInDownloadSource("buildspec.yml:");
    }

    @Test
    void tenThousandCommandsAllRun()
            throws IOException
    {
        StringBuilder text = new StringBuilder("version: 0.2\nphases:\n  build:\n    commands:\n");
        for (int i = 1; i <= 10_000; i++) {
            text.append("      - n=").append(i).append('\n');
        }
        text.append("  post_build:\n    commands:\n      - echo \"last command set n=$n\"\n");

        assertThat(runBuildspec(text.toString().getBytes(StandardCharsets.UTF_8))).as(err()).isZero();
        assertThat(out()).contains("$ n=10000\n", "\nlast command set n=10000\n");
        assertThat(out()).containsPattern("(?m)^BUILD +SUCCEEDED ");
    }
}
