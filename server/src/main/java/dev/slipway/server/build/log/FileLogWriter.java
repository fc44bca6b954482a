package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.server.secret.SecretMasker;

/**
 * Appends lines to a log file and its index through two in-memory buffers. A flush is two positional writes (text,
 * then index entries), after which the new lines are published to readers; it happens when a buffer is full, a
 * flush interval after the first unflushed line (one timer task per batch, no ticking while idle), and on complete
 * and close. The writer thread thus makes one copy per line and a few system calls per 256 KB.
 *
 * <p>Writing the text before the index, and publishing only after both, is what keeps readers and crash recovery
 * simple: an index entry never points at bytes that are not in the text file.
 */
final class FileLogWriter
        implements BuildLogWriter
{
    private static final Logger log = LoggerFactory.getLogger(FileLogWriter.class);
    static final int TEXT_BUFFER_BYTES = 256 * 1024;
    private static final int INDEX_BUFFER_LINES = 16 * 1024;

    private final LiveLog live;
    private final SecretMasker masker;
    private final ScheduledExecutorService timer;
    private final Executor syncs;
    private final Duration flushInterval;
    private final Consumer<FileLogWriter> onClose;
    private final FileChannel text;
    private final FileChannel index;

    private final byte[] textBuffer = new byte[TEXT_BUFFER_BYTES];
    private final ByteBuffer indexBuffer = ByteBuffer.allocate(INDEX_BUFFER_LINES * LogFiles.ENTRY_BYTES);
    private int buffered;
    private long flushedBytes;
    private long flushedLines;
    private boolean flushScheduled;
    private boolean completed;
    private boolean closed;
    private IOException failure;

    /**
     * @param live the log; its info says where the files end (after recovery)
     * @param syncs runs the sync of the index while the completing thread syncs the text
     * @param onClose called once when the writer is closed, so that the store forgets it
     */
    FileLogWriter(LiveLog live, SecretMasker masker, ScheduledExecutorService timer, Executor syncs, Duration flushInterval, Consumer<FileLogWriter> onClose)
            throws IOException
    {
        this.syncs = requireNonNull(syncs, "syncs is null");
        this.live = requireNonNull(live, "live is null");
        this.masker = requireNonNull(masker, "masker is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.flushInterval = requireNonNull(flushInterval, "flushInterval is null");
        this.onClose = requireNonNull(onClose, "onClose is null");
        LogFiles files = live.files();
        Files.createDirectories(files.directory());
        FileChannel openedText = FileChannel.open(files.log(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            this.index = FileChannel.open(files.index(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        catch (IOException e) {
            openedText.close();
            throw e;
        }
        this.text = openedText;
        LogInfo info = live.info();
        this.flushedBytes = info.bytes();
        this.flushedLines = info.lines();
        live.publish(info);
    }

    @Override
    public void line(String line)
    {
        requireNonNull(line, "line is null");
        String masked = masker.mask(line);
        synchronized (this) {
            checkWritable();
            int end = masked.length();
            if (end > 0 && masked.charAt(end - 1) == '\n') {
                end--;
            }
            int start = 0;
            int newline = masked.indexOf('\n');
            while (newline >= 0 && newline < end) {
                append(masked.substring(start, newline));
                start = newline + 1;
                newline = masked.indexOf('\n', start);
            }
            append(start == 0 && end == masked.length() ? masked : masked.substring(start, end));
            if (!flushScheduled && buffered > 0) {
                scheduleFlush();
            }
        }
    }

    private void append(String line)
    {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= BuildLogStore.MAX_LINE_BYTES) {
            append(bytes, 0, bytes.length);
            return;
        }
        int start = 0;
        while (start < bytes.length) {
            int end = LineSplitter.cut(bytes, start, bytes.length, BuildLogStore.MAX_LINE_BYTES);
            append(bytes, start, end - start);
            start = end;
        }
    }

    private void append(byte[] bytes, int offset, int length)
    {
        if (buffered + length + 1 > textBuffer.length || !indexBuffer.hasRemaining()) {
            flushOrFail();
        }
        System.arraycopy(bytes, offset, textBuffer, buffered, length);
        buffered += length;
        textBuffer[buffered++] = '\n';
        indexBuffer.putLong(flushedBytes + buffered);
    }

    private void scheduleFlush()
    {
        try {
            timer.schedule(this::timedFlush, flushInterval.toNanos(), TimeUnit.NANOSECONDS);
            flushScheduled = true;
        }
        catch (RejectedExecutionException e) {
            // The store is stopping; it closes this writer, which flushes.
        }
    }

    private synchronized void timedFlush()
    {
        flushScheduled = false;
        if (!closed && failure == null) {
            try {
                flush();
            }
            catch (IOException e) {
                fail(e);
            }
        }
    }

    private void flushOrFail()
    {
        try {
            flush();
        }
        catch (IOException e) {
            fail(e);
            checkWritable();
        }
    }

    /** Writes the buffers (text first) and publishes the new lines. Caller holds the lock. */
    private void flush()
            throws IOException
    {
        if (buffered == 0) {
            return;
        }
        LogRecovery.writeFully(text, ByteBuffer.wrap(textBuffer, 0, buffered), flushedBytes);
        indexBuffer.flip();
        int lines = indexBuffer.remaining() / LogFiles.ENTRY_BYTES;
        LogRecovery.writeFully(index, indexBuffer, flushedLines * LogFiles.ENTRY_BYTES);
        indexBuffer.clear();
        flushedBytes += buffered;
        flushedLines += lines;
        buffered = 0;
        live.publish(new LogInfo(flushedLines, flushedBytes, false));
    }

    @Override
    public synchronized void complete()
    {
        if (completed) {
            return;
        }
        checkWritable();
        try {
            flush();
            syncBoth();
            Files.newByteChannel(live.files().completeMarker(), StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
        }
        catch (IOException e) {
            fail(e);
            checkWritable();
        }
        completed = true;
        live.publish(new LogInfo(flushedLines, flushedBytes, true));
    }

    /**
     * Syncs the text and the index at the same time: each sync waits for a journal commit and a flush of the disk's
     * cache (10–30 ms on a busy disk), and two syncs at once usually share them. Their order does not matter for a
     * crash: until the complete marker exists, recovery trusts the text over the index, as it must anyway because the
     * kernel writes dirty pages back in any order.
     */
    private void syncBoth()
            throws IOException
    {
        FutureTask<Void> indexSync = new FutureTask<>(() -> {
            index.force(true);
            return null;
        });
        try {
            syncs.execute(indexSync);
        }
        catch (RejectedExecutionException e) {
            indexSync.run();
        }
        text.force(true);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    indexSync.get();
                    break;
                }
                catch (InterruptedException e) {
                    interrupted = true;
                }
                catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException("Cannot sync the index of build " + live.files().buildId() + ": " + e.getCause(), e.getCause());
                }
            }
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close()
    {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            // After complete() nothing can be written, and complete() synced both files: syncing them again costs a
            // disk cache flush (10 ms and more on a busy disk) on the path to the build's end event, for nothing.
            if (failure == null && !completed) {
                try {
                    flush();
                    text.force(true);
                    index.force(true);
                }
                catch (IOException e) {
                    fail(e);
                }
            }
            for (FileChannel channel : new FileChannel[] {text, index}) {
                try {
                    channel.close();
                }
                catch (IOException e) {
                    log.warn("Cannot close a log file of build {}: {}", live.files().buildId(), e.toString());
                }
            }
        }
        onClose.accept(this);
    }

    LiveLog live()
    {
        return live;
    }

    private void fail(IOException e)
    {
        if (failure == null) {
            failure = e;
            log.error("Cannot write the log of build {} to {}; later lines are lost", live.files().buildId(), live.files().log(), e);
        }
    }

    private void checkWritable()
    {
        if (failure != null) {
            throw new SlipwayException(ErrorCode.INTERNAL, "Cannot write the log of build " + live.files().buildId() + " to "
                    + live.files().log() + ": " + failure, failure);
        }
        if (closed) {
            throw new IllegalStateException("The log writer of build " + live.files().buildId() + " is closed");
        }
        if (completed) {
            throw new IllegalStateException("The log of build " + live.files().buildId() + " is complete; no more lines can be written");
        }
    }
}
