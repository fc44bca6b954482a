package dev.slipway.server.build.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a log's files before they are read or appended to for the first time in this process, and repairs what a
 * crash can leave behind, trusting the log file over the index:
 * <ul>
 * <li>an index whose size is not a multiple of 8 (a torn entry) is cut back to whole entries;</li>
 * <li>index entries that do not grow, or point past the end of the log, or whose last one does not end at a
 *     {@code \n}, are dropped from the first bad one on, and rebuilt from the log;</li>
 * <li>lines in the log that the index does not have yet (the server died between the two writes) are indexed;</li>
 * <li>a last line without its {@code \n} (torn) gets one, so that its text is kept as a line and the next line
 *     written starts a line of its own.</li>
 * </ul>
 * Each repair step appends entries in order, so a crash during a repair leaves a valid prefix that the next check
 * continues from. Not thread-safe: the store runs it under the build's lock.
 *
 * <p>The check costs the same for any size of log, so that the first read after a restart stays fast: a crash damages
 * what was being written, so only the last {@value #RECENT_ENTRIES} index entries of an incomplete log are checked
 * (and the whole index only if the damage reaches back beyond them). A complete log was made durable before it was
 * marked complete; only its last entry is checked.
 */
final class LogRecovery
{
    private static final Logger log = LoggerFactory.getLogger(LogRecovery.class);
    private static final int BLOCK = 1 << 20;
    static final long RECENT_ENTRIES = 128 * 1024;

    private LogRecovery() {}

    /**
     * @return what the log holds after any repair; empty if there is no log file
     */
    static Optional<LogInfo> check(LogFiles files)
            throws IOException
    {
        if (!Files.exists(files.log())) {
            return Optional.empty();
        }
        try (FileChannel text = FileChannel.open(files.log(), StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileChannel index = FileChannel.open(files.index(), StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            long textSize = text.size();
            long indexSize = index.size();
            StringBuilder repairs = new StringBuilder();

            if (indexSize % LogFiles.ENTRY_BYTES != 0) {
                indexSize -= indexSize % LogFiles.ENTRY_BYTES;
                index.truncate(indexSize);
                repairs.append("; cut a torn index entry");
            }
            boolean complete = Files.exists(files.completeMarker());
            long entries = indexSize / LogFiles.ENTRY_BYTES;
            long from = Math.max(0, entries - (complete ? 1 : RECENT_ENTRIES));
            long validLines = validPrefix(index, from, entries, text, textSize);
            if (validLines <= from && from > 0) {
                // The damage reaches back beyond the entries checked: check them all.
                validLines = validPrefix(index, 0, entries, text, textSize);
            }
            if (validLines * LogFiles.ENTRY_BYTES < indexSize) {
                repairs.append("; dropped ").append(indexSize / LogFiles.ENTRY_BYTES - validLines).append(" bad index entries");
                indexSize = validLines * LogFiles.ENTRY_BYTES;
                index.truncate(indexSize);
            }
            long lines = validLines;
            long indexed = lines == 0 ? 0 : readLong(index, (lines - 1) * LogFiles.ENTRY_BYTES);
            if (indexed < textSize) {
                long before = lines;
                lines = indexFrom(text, textSize, index, lines, indexed);
                long end = lines == 0 ? 0 : readLong(index, (lines - 1) * LogFiles.ENTRY_BYTES);
                if (lines > before) {
                    repairs.append("; indexed ").append(lines - before).append(" lines");
                }
                if (end < textSize) {
                    // A torn last line: keep its text as a line of its own.
                    writeFully(text, ByteBuffer.wrap(new byte[] {'\n'}), textSize);
                    textSize++;
                    writeFully(index, ByteBuffer.allocate(LogFiles.ENTRY_BYTES).putLong(0, textSize), lines * LogFiles.ENTRY_BYTES);
                    lines++;
                    repairs.append("; ended a torn last line");
                }
            }
            if (repairs.length() > 0) {
                text.force(true);
                index.force(true);
                log.warn("Repaired the log of build {} ({} lines, {} bytes){}", files.buildId(), lines, textSize, repairs);
            }
            return Optional.of(new LogInfo(lines, textSize, complete));
        }
    }

    /**
     * Checks entries {@code [from, entries)}, trusting those before.
     *
     * @return how many entries from the start are plausible: each one larger than the one before, none past the end of
     *         the log, and the last one just after a {@code \n}
     */
    private static long validPrefix(FileChannel index, long from, long entries, FileChannel text, long textSize)
            throws IOException
    {
        ByteBuffer block = ByteBuffer.allocate((int) Math.min(BLOCK, Math.max(1, entries - from) * LogFiles.ENTRY_BYTES));
        long previous = from == 0 ? 0 : readLong(index, (from - 1) * LogFiles.ENTRY_BYTES);
        long valid = from;
        while (valid < entries) {
            block.clear();
            long remaining = (entries - valid) * LogFiles.ENTRY_BYTES;
            if (remaining < block.capacity()) {
                block.limit((int) remaining);
            }
            readFully(index, block, valid * LogFiles.ENTRY_BYTES);
            block.flip();
            while (block.hasRemaining()) {
                long entry = block.getLong();
                if (entry <= previous || entry > textSize) {
                    return trimToNewline(index, valid, text, textSize);
                }
                previous = entry;
                valid++;
            }
        }
        return trimToNewline(index, valid, text, textSize);
    }

    /** Drops entries from the end until the last one follows a {@code \n} (a bad entry can look plausible). */
    private static long trimToNewline(FileChannel index, long entries, FileChannel text, long textSize)
            throws IOException
    {
        long valid = entries;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (valid > 0) {
            long end = readLong(index, (valid - 1) * LogFiles.ENTRY_BYTES);
            if (end > 0 && end <= textSize) {
                one.clear();
                readFully(text, one, end - 1);
                if (one.get(0) == '\n') {
                    return valid;
                }
            }
            valid--;
        }
        return 0;
    }

    /** Appends an index entry for every {@code \n} in the log after {@code offset}. @return the new number of lines */
    private static long indexFrom(FileChannel text, long textSize, FileChannel index, long lines, long offset)
            throws IOException
    {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        ByteBuffer entries = ByteBuffer.allocate(BLOCK);
        long position = offset;
        long count = lines;
        while (position < textSize) {
            block.clear();
            if (textSize - position < block.capacity()) {
                block.limit((int) (textSize - position));
            }
            readFully(text, block, position);
            byte[] bytes = block.array();
            int length = block.limit();
            for (int i = 0; i < length; i++) {
                if (bytes[i] == '\n') {
                    if (!entries.hasRemaining()) {
                        entries.flip();
                        writeFully(index, entries, (count - entries.remaining() / LogFiles.ENTRY_BYTES) * LogFiles.ENTRY_BYTES);
                        entries.clear();
                    }
                    entries.putLong(position + i + 1);
                    count++;
                }
            }
            position += length;
        }
        entries.flip();
        writeFully(index, entries, (count - entries.remaining() / LogFiles.ENTRY_BYTES) * LogFiles.ENTRY_BYTES);
        return count;
    }

    static long readLong(FileChannel channel, long position)
            throws IOException
    {
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES);
        readFully(channel, buffer, position);
        return buffer.getLong(0);
    }

    static void readFully(FileChannel channel, ByteBuffer buffer, long position)
            throws IOException
    {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("Unexpected end of file at " + at + " (wanted " + buffer.remaining() + " more bytes)");
            }
            at += read;
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer buffer, long position)
            throws IOException
    {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }
}
