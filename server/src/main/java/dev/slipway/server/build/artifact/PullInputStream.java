package dev.slipway.server.build.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * An input stream whose bytes a {@link Producer} writes on demand, one step at a time, on the reading thread. This
 * turns an archive writer (which pushes into an {@link OutputStream}) into the {@link InputStream} an artifact
 * store pulls from, without a second thread and without holding more than one step's output in memory.
 */
final class PullInputStream
        extends InputStream
{
    /** Writes the next piece of the stream. */
    interface Producer
            extends AutoCloseable
    {
        /**
         * Writes the next piece (possibly nothing) to {@code sink}.
         *
         * @return false once the stream is complete (the final bytes may be written by this same call)
         */
        boolean produce(OutputStream sink)
                throws IOException;

        /** Releases open files; called once, also when the reader stops early. */
        @Override
        void close()
                throws IOException;
    }

    private final Producer producer;
    private final Buffer buffer = new Buffer();
    private boolean finished;
    private boolean closed;

    PullInputStream(Producer producer)
    {
        this.producer = requireNonNull(producer, "producer is null");
    }

    @Override
    public int read()
            throws IOException
    {
        byte[] one = new byte[1];
        int count = read(one, 0, 1);
        return count < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length)
            throws IOException
    {
        if (closed) {
            throw new IOException("Stream closed");
        }
        if (length == 0) {
            return 0;
        }
        while (buffer.available() == 0) {
            if (finished) {
                return -1;
            }
            buffer.clear();
            finished = !producer.produce(buffer);
        }
        return buffer.take(target, offset, length);
    }

    @Override
    public void close()
            throws IOException
    {
        if (!closed) {
            closed = true;
            producer.close();
        }
    }

    private static final class Buffer
            extends OutputStream
    {
        private byte[] data = new byte[64 * 1024];
        private int start;
        private int end;

        int available()
        {
            return end - start;
        }

        void clear()
        {
            start = 0;
            end = 0;
        }

        int take(byte[] target, int offset, int length)
        {
            int count = Math.min(length, end - start);
            System.arraycopy(data, start, target, offset, count);
            start += count;
            return count;
        }

        @Override
        public void write(int value)
        {
            ensure(1);
            data[end++] = (byte) value;
        }

        @Override
        public void write(byte[] source, int offset, int length)
        {
            ensure(length);
            System.arraycopy(source, offset, data, end, length);
            end += length;
        }

        private void ensure(int more)
        {
            if (end + more > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, end + more));
            }
        }
    }
}
