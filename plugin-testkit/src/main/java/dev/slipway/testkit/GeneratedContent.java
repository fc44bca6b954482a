package dev.slipway.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Deterministic pseudo-random content of any length, produced while it is read, so that tests can stream large
 * artifacts without holding them and know their SHA-256 in advance.
 */
final class GeneratedContent
{
    private final long size;
    private final long seed;

    GeneratedContent(long size, long seed)
    {
        this.size = size;
        this.seed = seed;
    }

    long size()
    {
        return size;
    }

    byte[] bytes()
    {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("Too large for an array: " + size);
        }
        byte[] bytes = new byte[(int) size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    String sha256()
    {
        MessageDigest digest = Sha256.newDigest();
        try (InputStream in = stream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        catch (IOException e) {
            throw new IllegalStateException("Generated content cannot fail", e);
        }
        return Sha256.hex(digest);
    }

    InputStream stream()
    {
        return new Stream(Long.MAX_VALUE, position -> { });
    }

    /** A stream that throws an {@link IOException} once {@code failAfter} bytes have been read. */
    InputStream failingAfter(long failAfter)
    {
        return new Stream(failAfter, position -> { });
    }

    /** A stream that calls {@code observer} with the position once per chunk it produces. */
    InputStream observed(LongConsumer observer)
    {
        return new Stream(Long.MAX_VALUE, observer);
    }

    private final class Stream
            extends InputStream
    {
        // Bytes come from fixed-size chunks so that every way of reading yields the same content.
        private static final int CHUNK = 8 * 1024;

        private final SplittableRandom random = new SplittableRandom(seed);
        private final long failAfter;
        private final LongConsumer observer;
        private final byte[] chunk = new byte[CHUNK];
        private int chunkPosition = CHUNK;
        private long position;

        Stream(long failAfter, LongConsumer observer)
        {
            this.failAfter = failAfter;
            this.observer = observer;
        }

        @Override
        public int read()
                throws IOException
        {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
                throws IOException
        {
            if (length == 0) {
                return 0;
            }
            if (position >= failAfter) {
                throw new IOException("Contract test: the content stream failed on purpose after " + position + " bytes");
            }
            if (position >= size) {
                return -1;
            }
            if (chunkPosition == CHUNK) {
                random.nextBytes(chunk);
                chunkPosition = 0;
                observer.accept(position);
            }
            int count = (int) Math.min(Math.min(length, CHUNK - chunkPosition), Math.min(size - position, failAfter - position));
            System.arraycopy(chunk, chunkPosition, buffer, offset, count);
            chunkPosition += count;
            position += count;
            return count;
        }
    }
}
