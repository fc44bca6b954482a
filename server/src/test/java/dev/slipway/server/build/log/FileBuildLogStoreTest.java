package dev.slipway.server.build.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.SlipwayException;

class FileBuildLogStoreTest
{
    private static final Duration FLUSH = Duration.ofMillis(5);
    private static final Duration HEARTBEAT = Duration.ofMillis(50);

    @TempDir
    Path directory;

    private FileBuildLogStore store;
    private final String build = "web:" + UUID.randomUUID();

    @BeforeEach
    void createStore()
    {
        store = new FileBuildLogStore(directory.resolve("logs"), FLUSH, HEARTBEAT);
    }

    @AfterEach
    void closeStore()
    {
        store.close();
    }

    @Test
    void linesComeBackAsWrittenWithAnsiCodesAndCarriageReturns()
            throws IOException
    {
        List<String> written = List.of("\u001b[32mgreen\u001b[0m", "progress 10%\r20%\r30%", "", "  indented", "tab\there", "ünïcödé ✓ 😀");
        try (BuildLogWriter writer = store.open(build)) {
            written.forEach(writer::line);
            writer.complete();
        }

        assertThat(store.read(build, 0, 100)).isEqualTo(new LogSlice(0, written, written.size(), written.size(), true));
        assertThat(store.info(build)).isEqualTo(new LogInfo(written.size(), String.join("\n", written).getBytes(UTF_8).length + 1, true));
        try (InputStream full = store.openFull(build)) {
            assertThat(new String(full.readAllBytes(), UTF_8)).isEqualTo(String.join("\n", written) + "\n");
        }
    }

    @Test
    void rangesAtEveryBoundary()
            throws IOException
    {
        List<String> written = IntStream.range(0, 10).mapToObj(i -> "line " + i).toList();
        writeComplete(written);

        for (int from = 0; from <= 12; from++) {
            for (int limit = 0; limit <= 12; limit++) {
                int end = Math.min(written.size(), from + limit);
                List<String> expected = from >= written.size() ? List.of() : written.subList(from, end);
                assertThat(store.read(build, from, limit))
                        .as("from %d limit %d", from, limit)
                        .isEqualTo(new LogSlice(from, expected, from + expected.size(), 10, true));
            }
        }
    }

    @Test
    void tailAtEveryBoundaryAndLargerThanTheLog()
            throws IOException
    {
        List<String> written = IntStream.range(0, 7).mapToObj(i -> "line " + i).toList();
        writeComplete(written);

        for (int lines = 0; lines <= 10; lines++) {
            int count = Math.min(lines, 7);
            assertThat(store.tail(build, lines))
                    .as("tail %d", lines)
                    .isEqualTo(new LogSlice(7 - count, written.subList(7 - count, 7), 7, 7, true));
        }
        assertThat(store.tail(build, BuildLogStore.MAX_LINES_PER_READ).lines()).isEqualTo(written);
    }

    @Test
    void emptyLogHasNoLines()
            throws IOException
    {
        store.open(build).close();

        assertThat(store.exists(build)).isTrue();
        assertThat(store.info(build)).isEqualTo(new LogInfo(0, 0, false));
        assertThat(store.read(build, 0, 10)).isEqualTo(new LogSlice(0, List.of(), 0, 0, false));
        assertThat(store.tail(build, 10)).isEqualTo(new LogSlice(0, List.of(), 0, 0, false));
    }

    @Test
    void badLineNumbersAndCountsAreInvalidArguments()
            throws IOException
    {
        writeComplete(List.of("a"));

        assertThatThrownBy(() -> store.read(build, -1, 10)).isInstanceOf(SlipwayException.class)
                .hasMessage("from must be 0 or more, was -1");
        assertThatThrownBy(() -> store.read(build, 0, 10_001)).isInstanceOf(SlipwayException.class)
                .hasMessage("limit must be between 0 and 10000, was 10001");
        assertThatThrownBy(() -> store.tail(build, -5)).isInstanceOf(SlipwayException.class)
                .hasMessage("lines must be between 0 and 10000, was -5");
        assertThatThrownBy(() -> store.follow(build, -1, RecordingFollower.recording())).isInstanceOf(SlipwayException.class)
                .hasMessage("fromLine must be 0 or more, was -1");
    }

    @Test
    void aBuildWithoutLogIsNotFound()
    {
        assertThat(store.exists("web:none")).isFalse();
        Stream.<Runnable>of(() -> store.info("web:none"), () -> store.read("web:none", 0, 1), () -> store.tail("web:none", 1), () -> {
            try {
                store.openFull("web:none").close();
            }
            catch (IOException e) {
                throw new AssertionError(e);
            }
        }).forEach(call -> assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.errorCode().name()).isEqualTo("NOT_FOUND"))
                .hasMessage("Build web:none has no log"));
    }

    @Test
    void aLineLongerThan64KbIsSplitNeverDropped()
            throws IOException
    {
        String longLine = "x".repeat(200_000);
        writeComplete(List.of("before", longLine, "after"));

        List<String> lines = store.read(build, 0, 100).lines();
        assertThat(lines).hasSize(6);
        assertThat(lines.subList(1, 5)).extracting(String::length).containsExactly(65_536, 65_536, 65_536, 200_000 - 3 * 65_536);
        assertThat(String.join("", lines.subList(1, 5))).isEqualTo(longLine);
        assertThat(lines.get(5)).isEqualTo("after");
    }

    @Test
    void splittingNeverCutsAMultiByteCharacter()
            throws IOException
    {
        // 1 + 3 * 21845 = 65,536 bytes: the limit falls on the boundary, then inside 4-byte characters (surrogate pairs).
        String text = "a" + "€".repeat(21_845) + "😀".repeat(20_000) + "é".repeat(40_000);
        writeComplete(List.of(text));

        List<String> pieces = store.read(build, 0, 100).lines();
        assertThat(pieces).hasSizeGreaterThan(2);
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).allSatisfy(piece -> {
            assertThat(piece.getBytes(UTF_8).length).isLessThanOrEqualTo(BuildLogStore.MAX_LINE_BYTES);
            assertThat(piece).doesNotContain("\uFFFD");
            assertThat(Character.isLowSurrogate(piece.charAt(0))).isFalse();
        });
        assertThat(pieces.get(0).getBytes(UTF_8)).hasSize(65_536);
    }

    @Test
    void splittingKeepsAnAnsiEscapeSequenceWhole()
            throws IOException
    {
        String red = "\u001b[31m";
        String text = "x".repeat(65_536 - 3) + red + "red text" + "\u001b[0m";
        writeComplete(List.of(text));

        List<String> pieces = store.read(build, 0, 10).lines();
        assertThat(pieces).containsExactly("x".repeat(65_533), red + "red text\u001b[0m");
    }

    @Test
    void newlinesInsideATextStartNewLines()
            throws IOException
    {
        try (BuildLogWriter writer = store.open(build)) {
            writer.line("one\ntwo\n\nfour");
            writer.line("five\n");
            writer.line("\n");
            writer.line("crlf\r\nnext");
            writer.complete();
        }

        assertThat(store.read(build, 0, 100).lines()).containsExactly("one", "two", "", "four", "five", "", "crlf\r", "next");
    }

    @Test
    void linesBecomeVisibleToReadersBeforeTheLogIsCompleteWithoutAnExplicitFlush()
            throws IOException
    {
        try (BuildLogWriter writer = store.open(build)) {
            writer.line("first");

            // The periodic flush makes it visible; the deadline only guards against a hang.
            await().atMost(Duration.ofSeconds(30)).until(() -> store.info(build).lines() == 1);
            assertThat(store.read(build, 0, 10).lines()).containsExactly("first");
            assertThat(store.info(build).complete()).isFalse();
        }
    }

    @Test
    void aClosedIncompleteLogCanBeContinuedAfterARestart()
            throws IOException
    {
        try (BuildLogWriter writer = store.open(build)) {
            writer.line("before restart");
        }
        store.close();
        store = new FileBuildLogStore(directory.resolve("logs"), FLUSH, HEARTBEAT);

        try (BuildLogWriter writer = store.open(build)) {
            writer.line("server restarted while the build was running");
            writer.complete();
        }

        assertThat(store.read(build, 0, 10)).isEqualTo(new LogSlice(0, List.of("before restart", "server restarted while the build was running"), 2, 2, true));
    }

    @Test
    void oneWriterAtATimeAndNoneForACompleteLog()
            throws IOException
    {
        try (BuildLogWriter writer = store.open(build)) {
            assertThatThrownBy(() -> store.open(build)).isInstanceOf(SlipwayException.class)
                    .hasMessage("The log of build " + build + " is already open for writing");
            writer.complete();
        }
        assertThatThrownBy(() -> store.open(build)).isInstanceOf(SlipwayException.class)
                .hasMessage("The log of build " + build + " is complete; a complete log takes no more lines");
    }

    @Test
    void aWriterTakesNoLinesAfterCompleteOrClose()
            throws IOException
    {
        BuildLogWriter writer = store.open(build);
        writer.complete();
        writer.complete();
        assertThatThrownBy(() -> writer.line("late")).isInstanceOf(IllegalStateException.class)
                .hasMessage("The log of build " + build + " is complete; no more lines can be written");
        writer.close();
        writer.close();
        assertThatThrownBy(() -> writer.line("later")).isInstanceOf(IllegalStateException.class)
                .hasMessage("The log writer of build " + build + " is closed");
    }

    @Test
    void fileNamesAreSafeAndDistinctForAnyBuildId()
            throws IOException
    {
        List<String> ids = List.of("web:1", "WEB:1", "../../etc/passwd", "a/b\\c", "x".repeat(300) + ":" + UUID.randomUUID(), "ünï:cödé", "nul\u0000byte", ".", "..");
        for (String id : ids) {
            try (BuildLogWriter writer = store.open(id)) {
                writer.line("log of " + id);
                writer.complete();
            }
        }

        for (String id : ids) {
            assertThat(store.read(id, 0, 10).lines()).containsExactly("log of " + id);
            LogFiles files = LogFiles.of(store.root(), id);
            assertThat(files.log().getParent().getParent()).isEqualTo(store.root());
            assertThat(files.log().getFileName().toString()).matches("[A-Za-z0-9_-]{0,64}\\.[0-9a-f]{32}\\.log");
        }
        try (Stream<Path> shards = Files.list(store.root())) {
            assertThat(shards).allSatisfy(shard -> assertThat(shard.getFileName().toString()).matches("[0-9a-f]{2}"));
        }
    }

    @Test
    void deleteRemovesTheFilesAndEndsFollowers()
            throws IOException
    {
        try (BuildLogWriter writer = store.open(build)) {
            writer.line("a");
        }
        RecordingFollower follower = RecordingFollower.recording();
        store.follow(build, 0, follower);
        await().atMost(Duration.ofSeconds(5)).until(() -> follower.lines().size() == 1);

        store.delete(build);

        assertThat(store.exists(build)).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> follower.endedWith() != null);
        assertThat(follower.endedWith()).isEqualTo("the log was deleted");
        try (Stream<Path> files = Files.walk(store.root())) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        store.delete(build);
    }

    @Test
    void aLogBeingWrittenCannotBeDeleted()
            throws IOException
    {
        BuildLogWriter writer = store.open(build);
        assertThatThrownBy(() -> store.delete(build)).isInstanceOf(SlipwayException.class)
                .hasMessage("The log of build " + build + " is being written; close its writer before deleting it");
        writer.close();
        store.delete(build);
        assertThat(store.exists(build)).isFalse();
    }

    @Test
    void aSliceStopsAtSixteenMegabytes()
            throws IOException
    {
        String big = "y".repeat(60_000);
        writeComplete(Collections.nCopies(300, big));

        LogSlice first = store.read(build, 0, 1_000);
        assertThat(first.lines()).hasSize(BuildLogStore.MAX_BYTES_PER_READ / 60_001);
        assertThat(first.next()).isEqualTo(first.lines().size());
        LogSlice tail = store.tail(build, 1_000);
        assertThat(tail.lines()).hasSize(first.lines().size());
        assertThat(tail.from()).isEqualTo(300 - tail.lines().size());
    }

    private void writeComplete(List<String> lines)
            throws IOException
    {
        try (BuildLogWriter writer = store.open(build)) {
            lines.forEach(writer::line);
            writer.complete();
        }
    }
}
