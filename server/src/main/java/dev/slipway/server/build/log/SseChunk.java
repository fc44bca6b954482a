package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

/**
 * Ready-made Server-Sent Events text (many events in one chunk) for a Jersey {@code ChunkedOutput}, which knows when
 * it has been handed to the connection. Jersey's own SSE writer sends each event as a chunk of its own and copies its
 * data byte by byte; a build log needs thousands of events a second per viewer. And {@code ChunkedOutput} queues
 * chunks without limit when another thread is flushing; waiting for {@link #awaitWritten} before the next chunk
 * keeps at most one chunk per viewer in memory.
 */
final class SseChunk
{
    static final String EVENT_STREAM = "text/event-stream";

    private final byte[] bytes;
    private final CountDownLatch written = new CountDownLatch(1);

    SseChunk(byte[] bytes)
    {
        this.bytes = requireNonNull(bytes, "bytes is null");
    }

    /** @return true once the chunk was written to the connection's buffers, false if the time ran out first */
    boolean awaitWritten(long timeout, TimeUnit unit)
            throws InterruptedException
    {
        return written.await(timeout, unit);
    }

    /** Writes {@link SseChunk}s as they are. Registered with the API by {@link BuildLogModule}. */
    @Provider
    @Produces(EVENT_STREAM)
    public static final class Writer
            implements MessageBodyWriter<SseChunk>
    {
        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType)
        {
            return type == SseChunk.class;
        }

        @Override
        public void writeTo(SseChunk chunk, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                MultivaluedMap<String, Object> headers, OutputStream entity)
                throws IOException
        {
            entity.write(chunk.bytes);
            chunk.written.countDown();
        }
    }
}
