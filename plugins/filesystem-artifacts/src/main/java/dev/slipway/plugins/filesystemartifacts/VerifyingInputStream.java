package dev.slipway.plugins.filesystemartifacts;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Streams a blob and checks, as the reader reaches the end, that it has the size and SHA-256 its pointer promises; a
 * mismatch (a file changed or damaged on disk) throws instead of handing back wrong bytes silently. Costs one SHA-256
 * pass over what is read.
 */
final class VerifyingInputStream
        extends InputStream
{
    private final InputStream in;
    private final Pointer pointer;
    private final Path blob;
    private final MessageDigest digest;
    private long count;
    private boolean verified;

    VerifyingInputStream(InputStream in, Pointer pointer, Path blob)
    {
        this.in = requireNonNull(in, "in is null");
        this.pointer = requireNonNull(pointer, "pointer is null");
        this.blob = requireNonNull(blob, "blob is null");
        this.digest = Sha256.newDigest();
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
        int read = in.read(buffer, offset, length);
        if (read > 0) {
            digest.update(buffer, offset, read);
            count += read;
            if (count > pointer.size()) {
                throw damaged(count + " or more bytes");
            }
        }
        else if (read == -1) {
            verifyAtEnd();
        }
        return read;
    }

    @Override
    public long skip(long n)
            throws IOException
    {
        // Skipped bytes still count towards the checksum.
        byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 64 * 1024)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (read == -1) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public int available()
            throws IOException
    {
        return in.available();
    }

    @Override
    public void close()
            throws IOException
    {
        in.close();
    }

    private void verifyAtEnd()
            throws IOException
    {
        if (verified) {
            return;
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (count != pointer.size() || !actual.equals(pointer.sha256())) {
            throw damaged(count + " bytes with SHA-256 " + actual);
        }
        verified = true;
    }

    private IOException damaged(String found)
    {
        return new IOException("Artifact '" + pointer.key() + "' is damaged: expected " + pointer.size() + " bytes with SHA-256 " + pointer.sha256()
                + ", but its content file " + blob + " has " + found);
    }
}
