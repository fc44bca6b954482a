package dev.slipway.server.build.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash can leave in a log's files, made by hand, then read by a new store as after a restart: every case must
 * read back the lines that are in the text file, and a line appended afterwards must come out as a line of its own.
 */
class LogRecoveryTest
{
    private static final String BUILD = "web:crashed";
    private static final List<String> LINES = IntStream.range(0, 20).mapToObj(i -> "line " + i + " ✓").toList();

    @TempDir
    Path directory;

    private FileBuildLogStore store;
    private LogFiles files;

    @BeforeEach
    void writeALogAndStop()
            throws IOException
    {
        store = newStore();
        try (BuildLogWriter writer = store.open(BUILD)) {
            LINES.forEach(writer::line);
        }
        store.close();
        files = LogFiles.of(directory.resolve("logs"), BUILD);
        store = null;
    }

    @AfterEach
    void closeStore()
    {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void anUndamagedLogIsLeftAlone()
            throws IOException
    {
        byte[] index = Files.readAllBytes(files.index());

        assertRestartReads(LINES);
        assertThat(Files.readAllBytes(files.index())).isEqualTo(index);
    }

    @Test
    void aTornLastLineIsEndedAndTheNextLineStartsOnItsOwn()
            throws IOException
    {
        append(files.log(), "half a li".getBytes(UTF_8));

        assertRestartReads(with(LINES, "half a li"));
        continueAndComplete("after restart");
        assertThat(store.read(BUILD, 19, 10).lines()).containsExactly("line 19 ✓", "half a li", "after restart");
    }

    @Test
    void aTornMultiByteCharacterBecomesAReplacementCharacterOnlyInItsLine()
            throws IOException
    {
        byte[] euro = "€".getBytes(UTF_8);
        append(files.log(), new byte[] {'c', 'u', 't', euro[0], euro[1]});

        assertRestartReads(with(LINES, "cut\uFFFD"));
        continueAndComplete("clean");
        assertThat(store.tail(BUILD, 2).lines()).containsExactly("cut\uFFFD", "clean");
    }

    @Test
    void linesInTheTextButNotInTheIndexAreIndexed()
            throws IOException
    {
        truncate(files.index(), 15 * 8);
        append(files.log(), "written but not indexed\n".getBytes(UTF_8));

        assertRestartReads(with(LINES, "written but not indexed"));
    }

    @Test
    void aTornIndexEntryIsCutAndRebuilt()
            throws IOException
    {
        append(files.index(), new byte[] {0, 0, 1});

        assertRestartReads(LINES);
        assertThat(Files.size(files.index())).isEqualTo(20 * 8);
    }

    @Test
    void indexEntriesPastTheEndOfTheTextAreDropped()
            throws IOException
    {
        // The text lost its last blocks (power loss), the index did not: line 12 is cut in the middle.
        long line12End = readEntry(12);
        truncate(files.log(), line12End - 5);

        List<String> expected = new ArrayList<>(LINES.subList(0, 12));
        expected.add("line 12");
        assertRestartReads(expected);
        continueAndComplete("next");
        assertThat(store.tail(BUILD, 2).lines()).containsExactly("line 12", "next");
    }

    @Test
    void entriesThatDoNotGrowAreDroppedFromTheFirstBadOne()
            throws IOException
    {
        writeEntry(7, 0);

        assertRestartReads(LINES);
        assertThat(Files.size(files.index())).isEqualTo(20 * 8);
    }

    @Test
    void aZeroFilledTailOfTheIndexIsRebuilt()
            throws IOException
    {
        append(files.index(), new byte[16]);

        assertRestartReads(LINES);
    }

    @Test
    void aLastEntryThatDoesNotEndAtANewlineIsDropped()
            throws IOException
    {
        writeEntry(19, readEntry(19) - 2);

        assertRestartReads(LINES);
    }

    @Test
    void aMissingIndexIsRebuiltFromTheText()
            throws IOException
    {
        Files.delete(files.index());

        assertRestartReads(LINES);
    }

    @Test
    void anEmptyTextWithAStaleIndexIsAnEmptyLog()
            throws IOException
    {
        truncate(files.log(), 0);

        assertRestartReads(List.of());
        assertThat(Files.size(files.index())).isZero();
    }

    @Test
    void theRepairHappensBeforeTheFirstWriteAfterARestart()
            throws IOException
    {
        append(files.log(), "torn".getBytes(UTF_8));
        store = newStore();

        try (BuildLogWriter writer = store.open(BUILD)) {
            writer.line("server restarted while the build was running");
            writer.complete();
        }

        assertThat(store.tail(BUILD, 3).lines()).containsExactly("line 19 ✓", "torn", "server restarted while the build was running");
        assertThat(store.info(BUILD).complete()).isTrue();
    }

    @Test
    void damageReachingBackBeyondTheRecentEntriesOfALongLogIsFoundByAFullCheck()
            throws IOException
    {
        String longBuild = "web:long";
        int count = (int) LogRecovery.RECENT_ENTRIES + 5_000;
        store = newStore();
        try (BuildLogWriter writer = store.open(longBuild)) {
            for (int i = 0; i < count; i++) {
                writer.line("line " + i);
            }
        }
        store.close();
        files = LogFiles.of(directory.resolve("logs"), longBuild);
        // The first entry the quick check looks at is impossible, so the damage may reach further back.
        writeEntry(4_999, 0);
        writeEntry(5_000, 0);

        store = newStore();
        LogSlice around = store.read(longBuild, 4_998, 3);
        assertThat(around.lines()).containsExactly("line 4998", "line 4999", "line 5000");
        assertThat(store.info(longBuild).lines()).isEqualTo(count);
        assertThat(store.tail(longBuild, 1).lines()).containsExactly("line " + (count - 1));
    }

    private void assertRestartReads(List<String> expected)
    {
        store = newStore();
        assertThat(store.info(BUILD).lines()).isEqualTo(expected.size());
        assertThat(store.read(BUILD, 0, 100)).isEqualTo(new LogSlice(0, expected, expected.size(), expected.size(), false));
        if (!expected.isEmpty()) {
            assertThat(store.tail(BUILD, 1).lines()).containsExactly(expected.get(expected.size() - 1));
        }
    }

    private void continueAndComplete(String line)
            throws IOException
    {
        try (BuildLogWriter writer = store.open(BUILD)) {
            writer.line(line);
            writer.complete();
        }
    }

    private FileBuildLogStore newStore()
    {
        return new FileBuildLogStore(directory.resolve("logs"), Duration.ofMillis(5), Duration.ofSeconds(10));
    }

    private static List<String> with(List<String> lines, String last)
    {
        List<String> all = new ArrayList<>(lines);
        all.add(last);
        return all;
    }

    private long readEntry(int line)
            throws IOException
    {
        try (FileChannel index = FileChannel.open(files.index(), StandardOpenOption.READ)) {
            ByteBuffer entry = ByteBuffer.allocate(8);
            index.read(entry, line * 8L);
            return entry.getLong(0);
        }
    }

    private void writeEntry(int line, long value)
            throws IOException
    {
        try (FileChannel index = FileChannel.open(files.index(), StandardOpenOption.WRITE)) {
            index.write(ByteBuffer.allocate(8).putLong(0, value), line * 8L);
        }
    }

    private static void append(Path file, byte[] bytes)
            throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(bytes));
        }
    }

    private static void truncate(Path file, long size)
            throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }
}
