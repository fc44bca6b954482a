package dev.slipway.plugins.filesystemartifacts;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How written data is made durable before {@code put} returns. With {@link #toDisk()}, file contents and the
 * directory entries of renames are flushed, so an operating-system crash or power loss after {@code put} returned
 * loses nothing and tears nothing. With {@link #none()}, the page cache decides; a crash of the server process alone
 * still never tears an artifact, because the kernel keeps what was written.
 */
interface FileSync
{
    /** Flushes the content of a file that is still open for writing. */
    void file(FileChannel channel)
            throws IOException;

    /** Flushes a directory, so that names created, renamed or removed in it survive a crash. */
    void directory(Path directory)
            throws IOException;

    static FileSync toDisk()
    {
        return new FileSync()
        {
            @Override
            public void file(FileChannel channel)
                    throws IOException
            {
                channel.force(true);
            }

            @Override
            public void directory(Path directory)
                    throws IOException
            {
                try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                    channel.force(true);
                }
            }

            @Override
            public String toString()
            {
                return "fsync";
            }
        };
    }

    static FileSync none()
    {
        return new FileSync()
        {
            @Override
            public void file(FileChannel channel) {}

            @Override
            public void directory(Path directory) {}

            @Override
            public String toString()
            {
                return "no fsync";
            }
        };
    }
}
