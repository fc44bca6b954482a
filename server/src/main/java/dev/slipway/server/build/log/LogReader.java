package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads line ranges of one log through its index: one read of the index entries and one of the text per slice,
 * whatever the size of the log. Reads only as far as the {@link LogInfo} it is given (what the writer has published),
 * never a line the writer is still writing.
 *
 * <p>One reader per request or per follower; opens the files on first use. Thread-safe only in that {@link #close()}
 * may come from another thread: a read after it fails instead of opening the files again.
 */
final class LogReader
        implements Closeable
{
    private final LogFiles files;
    private FileChannel text;
    private FileChannel index;
    private boolean closed;

    LogReader(LogFiles files)
    {
        this.files = requireNonNull(files, "files is null");
    }

    /** Lines {@code [from, from + limit)} as far as {@code info} reaches, stopping early at {@code maxBytes} of text. */
    LogSlice read(long from, int limit, LogInfo info, int maxBytes)
            throws IOException
    {
        RawLines raw = readRaw(from, limit, info, maxBytes);
        return new LogSlice(from, raw.decode(), from + raw.count(), info.lines(), info.complete());
    }

    /** Like {@link #read}, without decoding. */
    RawLines readRaw(long from, int limit, LogInfo info, int maxBytes)
            throws IOException
    {
        if (from >= info.lines() || limit == 0) {
            return new RawLines(new byte[0], new int[] {0});
        }
        int count = (int) Math.min(limit, info.lines() - from);
        long[] bounds = bounds(from, count);
        int fitting = count;
        while (fitting > 1 && bounds[fitting] - bounds[0] > maxBytes) {
            fitting--;
        }
        return raw(bounds, 0, fitting);
    }

    /** The last {@code lines} lines within {@code info}, fewer if they exceed {@code maxBytes} of text. */
    LogSlice tail(int lines, LogInfo info, int maxBytes)
            throws IOException
    {
        int count = (int) Math.min(lines, info.lines());
        long from = info.lines() - count;
        if (count == 0) {
            return new LogSlice(from, List.of(), from, info.lines(), info.complete());
        }
        long[] bounds = bounds(from, count);
        int skip = 0;
        while (skip < count - 1 && bounds[count] - bounds[skip] > maxBytes) {
            skip++;
        }
        RawLines raw = raw(bounds, skip, count - skip);
        return new LogSlice(from + skip, raw.decode(), from + count, info.lines(), info.complete());
    }

    /** @return {@code count + 1} offsets: where line {@code from} starts, then where each of the lines ends */
    private long[] bounds(long from, int count)
            throws IOException
    {
        open();
        long firstEntry = from == 0 ? 0 : from - 1;
        int entries = (int) (from + count - firstEntry);
        ByteBuffer buffer = ByteBuffer.allocate(entries * LogFiles.ENTRY_BYTES);
        LogRecovery.readFully(index, buffer, firstEntry * LogFiles.ENTRY_BYTES);
        long[] bounds = new long[count + 1];
        int shift = from == 0 ? 1 : 0;
        for (int i = shift; i <= count; i++) {
            bounds[i] = buffer.getLong((i - shift) * LogFiles.ENTRY_BYTES);
        }
        return bounds;
    }

    private RawLines raw(long[] bounds, int first, int count)
            throws IOException
    {
        long start = bounds[first];
        int length = (int) (bounds[first + count] - start);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        LogRecovery.readFully(text, buffer, start);
        int[] starts = new int[count + 1];
        for (int i = 0; i <= count; i++) {
            starts[i] = (int) (bounds[first + i] - start);
        }
        return new RawLines(buffer.array(), starts);
    }

    private synchronized void open()
            throws IOException
    {
        if (closed) {
            throw new IOException("The reader of the log of build " + files.buildId() + " is closed");
        }
        if (index == null) {
            FileChannel openedText = FileChannel.open(files.log(), StandardOpenOption.READ);
            try {
                index = FileChannel.open(files.index(), StandardOpenOption.READ);
            }
            catch (IOException e) {
                openedText.close();
                throw e;
            }
            text = openedText;
        }
    }

    @Override
    public synchronized void close()
            throws IOException
    {
        closed = true;
        // The fields stay set: a read that is running in another thread fails with ClosedChannelException.
        if (text != null) {
            try {
                text.close();
            }
            finally {
                index.close();
            }
        }
    }
}
