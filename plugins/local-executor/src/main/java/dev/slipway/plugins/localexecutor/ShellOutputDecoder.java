package dev.slipway.plugins.localexecutor;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * Splits a shell's merged output into lines and recognises the session's status marker in it.
 *
 * <p>After every command the shell writes {@code <marker><number> <letters>\n} in one {@code write}, where the
 * number is the command's exit status and the letters are {@code $-}. Because the command's own output need not end
 * with a newline, the marker may follow a partial line: the marker is therefore looked for at the end of every raw
 * line, and whatever stands before it is delivered as a line of its own. The marker is never delivered.
 *
 * <p>Bytes are read straight into one growing buffer, scanned for {@code \n} in place and decoded once per line as
 * UTF-8 (malformed input becomes U+FFFD), so the only allocation per line is its {@code String}. A line longer than
 * {@code maxLineBytes} is delivered in pieces cut at a character boundary.
 *
 * <p>Not thread-safe: one reader thread owns an instance.
 */
final class ShellOutputDecoder
{
    /** Receives what the decoder finds, in stream order, on the thread that calls {@link #readFrom}. */
    interface Listener
    {
        void line(String line);

        void marker(int number, String flags);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;
    private static final int READ_SIZE = 64 * 1024;
    private static final int MAX_NUMBER_DIGITS = 9;
    private static final int MAX_FLAG_LETTERS = 32;

    private final byte[] marker;
    private final int maxLineBytes;
    // Bytes a marker line can take after the marker itself: a space, digits, flags; kept back on a forced split.
    private final int markerTail;
    private byte[] buffer = new byte[2 * READ_SIZE];
    private int start;
    private int end;
    private int scanned;

    ShellOutputDecoder(byte[] marker, int maxLineBytes)
    {
        this.marker = requireNonNull(marker, "marker is null").clone();
        this.markerTail = this.marker.length + MAX_NUMBER_DIGITS + MAX_FLAG_LETTERS + 2;
        if (maxLineBytes < 4 * markerTail) {
            throw new IllegalArgumentException("maxLineBytes is too small: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Reads one chunk from {@code in} into the buffer, without looking at it; {@link #scan} then reports what it
     * holds. Split in two so that the caller can block in the read without holding the lock it delivers under.
     *
     * @return the number of bytes read, or -1 at the end of the stream
     */
    int fill(InputStream in)
            throws IOException
    {
        int count = in.read(buffer, end, buffer.length - end);
        if (count > 0) {
            end += count;
        }
        return count;
    }

    /** Reports every complete line and marker in the bytes read so far, and makes room for the next read. */
    void scan(Listener listener)
    {
        scanLines(listener);
        makeRoom(listener);
    }

    /** Reads one chunk and reports what it holds; at the end of the stream reports the last partial line. */
    boolean readFrom(InputStream in, Listener listener)
            throws IOException
    {
        if (fill(in) < 0) {
            finish(listener);
            return false;
        }
        scan(listener);
        return true;
    }

    /** For tests and in-memory input: the same as a read that returned {@code bytes}. */
    void feed(byte[] bytes, int offset, int length, Listener listener)
    {
        int done = 0;
        while (done < length) {
            makeRoom(listener);
            int count = Math.min(length - done, buffer.length - end);
            System.arraycopy(bytes, offset + done, buffer, end, count);
            end += count;
            done += count;
            scanLines(listener);
        }
    }

    /** Delivers a final partial line, as at the end of the stream. */
    void finish(Listener listener)
    {
        if (end > start) {
            rawLine(start, end, listener);
        }
        start = 0;
        end = 0;
        scanned = 0;
    }

    private void scanLines(Listener listener)
    {
        int lineStart = start;
        int newline = indexOfNewline(buffer, scanned, end);
        while (newline >= 0) {
            rawLine(lineStart, newline, listener);
            lineStart = newline + 1;
            newline = indexOfNewline(buffer, lineStart, end);
        }
        start = lineStart;
        scanned = end;
        if (start == end) {
            start = 0;
            end = 0;
            scanned = 0;
        }
    }

    /**
     * Finds the next {@code \n} eight bytes at a time (the "has zero byte" bit trick on {@code word ^ 0x0A0A…}),
     * which the JIT does not do by itself for a search loop; the lowest flagged byte is always a true match.
     */
    static int indexOfNewline(byte[] bytes, int from, int to)
    {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ NEWLINES;
            long found = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void makeRoom(Listener listener)
    {
        if (buffer.length > 2 * READ_SIZE && end - start <= READ_SIZE) {
            // A long line has passed: give the memory back.
            byte[] smaller = new byte[2 * READ_SIZE];
            System.arraycopy(buffer, start, smaller, 0, end - start);
            end -= start;
            scanned -= start;
            start = 0;
            buffer = smaller;
        }
        if (buffer.length - end >= READ_SIZE) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            scanned -= start;
            start = 0;
            if (buffer.length - end >= READ_SIZE) {
                return;
            }
        }
        if (buffer.length < maxLineBytes + READ_SIZE) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxLineBytes + READ_SIZE));
            return;
        }
        // One line fills the buffer: deliver all but its tail, which may hold the beginning of a marker.
        int cut = end - markerTail;
        while (cut > start && (buffer[cut] & 0xC0) == 0x80) {
            cut--;
        }
        listener.line(new String(buffer, start, cut - start, StandardCharsets.UTF_8));
        System.arraycopy(buffer, cut, buffer, 0, end - cut);
        end -= cut;
        scanned = end;
        start = 0;
    }

    private void rawLine(int from, int to, Listener listener)
    {
        int markerStart = markerStart(from, to);
        if (markerStart < 0) {
            listener.line(decode(from, to));
            return;
        }
        if (markerStart > from) {
            listener.line(decode(from, markerStart));
        }
        int position = markerStart + marker.length;
        int number = 0;
        while (buffer[position] != ' ') {
            number = number * 10 + (buffer[position] - '0');
            position++;
        }
        listener.marker(number, new String(buffer, position + 1, to - position - 1, StandardCharsets.US_ASCII));
    }

    /** @return where the marker starts if the raw line {@code [from, to)} ends with a marker, else -1 */
    private int markerStart(int from, int to)
    {
        byte[] bytes = buffer;
        int position = to;
        int letters = 0;
        while (position > from && isLetter(bytes[position - 1])) {
            position--;
            if (++letters > MAX_FLAG_LETTERS) {
                return -1;
            }
        }
        if (position == from || bytes[position - 1] != ' ') {
            return -1;
        }
        position--;
        int digitsEnd = position;
        while (position > from && isDigit(bytes[position - 1])) {
            position--;
            if (digitsEnd - position > MAX_NUMBER_DIGITS) {
                return -1;
            }
        }
        if (position == digitsEnd) {
            return -1;
        }
        int markerStart = position - marker.length;
        if (markerStart < from) {
            return -1;
        }
        return Arrays.equals(bytes, markerStart, position, marker, 0, marker.length) ? markerStart : -1;
    }

    private String decode(int from, int to)
    {
        if (to > from && buffer[to - 1] == '\r') {
            to--;
        }
        return new String(buffer, from, to - from, StandardCharsets.UTF_8);
    }

    private static boolean isLetter(byte b)
    {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    private static boolean isDigit(byte b)
    {
        return b >= '0' && b <= '9';
    }
}
