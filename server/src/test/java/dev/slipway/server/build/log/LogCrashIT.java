package dev.slipway.server.build.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process killed with SIGKILL in the middle of writing, three times over the same log: after each kill the
 * log reads back as exactly the lines that were written, in order and whole, and writing continues after them.
 */
class LogCrashIT
{
    private static final String BUILD = "web:killed";

    @TempDir
    Path directory;

    static String expectedLine(long number)
    {
        return "line " + number + " ✓ " + "x".repeat((int) (number % 97));
    }

    @Test
    void aLogSurvivesItsWriterBeingKilledMidWrite()
            throws Exception
    {
        Path root = directory.resolve("logs");
        long next = 0;
        Set<Long> lastLinesOfRounds = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            killWhileWriting(root, next);

            FileBuildLogStore store = new FileBuildLogStore(root, Duration.ofMillis(5), Duration.ofSeconds(15));
            try {
                LogInfo info = store.info(BUILD);
                assertThat(info.lines()).isGreaterThan(next + 20_000);
                assertThat(info.complete()).isFalse();
                for (long from = 0; from < info.lines(); from += BuildLogStore.MAX_LINES_PER_READ) {
                    LogSlice slice = store.read(BUILD, from, BuildLogStore.MAX_LINES_PER_READ);
                    for (int i = 0; i < slice.lines().size(); i++) {
                        long number = from + i;
                        String line = slice.lines().get(i);
                        // SIGKILL can cut a write short between pages: the last line of a round may be torn, and is
                        // then kept as far as it got (its last character possibly broken); every other line is whole.
                        boolean mayBeTorn = number == info.lines() - 1 || lastLinesOfRounds.contains(number);
                        if (!line.equals(expectedLine(number)) && !(mayBeTorn && isPrefix(line, expectedLine(number)))) {
                            throw new AssertionError("round " + round + ": line " + number + " of " + info.lines() + " is '" + line + "'");
                        }
                    }
                }
                next = info.lines();
                lastLinesOfRounds.add(next - 1);
            }
            finally {
                store.close();
            }
        }

        FileBuildLogStore store = new FileBuildLogStore(root, Duration.ofMillis(5), Duration.ofSeconds(15));
        try {
            try (BuildLogWriter writer = store.open(BUILD)) {
                writer.line("server restarted while the build was running");
                writer.complete();
            }
            LogSlice tail = store.tail(BUILD, 2);
            assertThat(isPrefix(tail.lines().get(0), expectedLine(next - 1))).isTrue();
            assertThat(tail.lines().get(1)).isEqualTo("server restarted while the build was running");
            assertThat(tail.next()).isEqualTo(next + 1);
        }
        finally {
            store.close();
        }
    }

    private static boolean isPrefix(String torn, String whole)
    {
        String kept = torn.endsWith("\uFFFD") ? torn.substring(0, torn.length() - 1) : torn;
        return whole.startsWith(kept);
    }

    private static void killWhileWriting(Path root, long first)
            throws IOException, InterruptedException
    {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LogWritingChild.class.getName(), root.toString(), BUILD, Long.toString(first))
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = output.readLine();
            assertThat(line).as("the child's first output").isEqualTo("writing");
            Path log = LogFiles.of(root, BUILD).log();
            long size = Files.size(log);
            // Let it write a few more megabytes, so that the kill lands in the middle of the work.
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.size(log) > size + 3_000_000);
        }
        finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
