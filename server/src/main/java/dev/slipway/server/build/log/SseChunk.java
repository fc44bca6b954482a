package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.StreamingOutput;

/**
 * Ready-made Server-Sent Events text (many events in one chunk) for a Jersey {@code ChunkedOutput}, which knows when
 * it has been handed to the connection. Jersey's own SSE writer sends each event as a chunk of its own and copies its
 * data byte by byte; a build log needs thousands of events a second per viewer. And {@code ChunkedOutput} queues
 * chunks without limit while another thread is flushing; waiting for {@link #awaitWritten} before the next chunk
 * keeps at most one chunk per viewer in memory.
 *
 * <p>A {@link StreamingOutput}, so that Jersey's built-in writer for those writes it, with no provider of our own.
 */
final class SseChunk
        implements StreamingOutput
{
    static final String EVENT_STREAM = "text/event-stream";

    private final byte[] bytes;
    private final CountDownLatch written = new CountDownLatch(1);

    SseChunk(byte[] bytes)
    {
        this.bytes = requireNonNull(bytes, "bytes is null");
    }

    @Override
    public void write(OutputStream output)
            throws IOException
    {
        output.write(bytes);
        written.countDown();
    }

    /** @return true once the chunk was written to the connection's buffers, false if the time ran out first */
    boolean awaitWritten(long timeout, TimeUnit unit)
            throws InterruptedException
    {
        return written.await(timeout, unit);
    }
}
