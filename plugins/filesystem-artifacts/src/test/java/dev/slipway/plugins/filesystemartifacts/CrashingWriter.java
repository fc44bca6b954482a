package dev.slipway.plugins.filesystemartifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;

import org.slf4j.LoggerFactory;

import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;

/**
 * The child process of {@link FilesystemArtifactStoreCrashIT}: writes to a store until it is killed. Iteration
 * {@code i} replaces {@code crash/replaced}, adds {@code crash/added/<i>}, deletes {@code crash/added/<i - 2>}, and then
 * prints {@code done <i>}; every artifact's content is generated from the seed in its {@code seed} attribute, so the
 * test can tell whether metadata and content agree.
 */
public final class CrashingWriter
{
    private CrashingWriter() {}

    public static void main(String[] arguments)
            throws IOException
    {
        Path root = Path.of(arguments[0]);
        int first = Integer.parseInt(arguments[1]);
        FilesystemArtifactStore store = new FilesystemArtifactStore(root, FileSync.toDisk(), Clock.systemUTC(), LoggerFactory.getLogger(CrashingWriter.class));
        PrintStream out = System.out;
        for (int i = first; ; i++) {
            store.put(ArtifactKey.of("crash/replaced"), content(i), ArtifactMetadata.builder().attribute("seed", String.valueOf(i)).build());
            store.put(ArtifactKey.of("crash/added/" + i), content(i), ArtifactMetadata.builder().attribute("seed", String.valueOf(i)).build());
            store.delete(ArtifactKey.of("crash/added/" + (i - 2)));
            out.println("done " + i);
            out.flush();
        }
    }

    static long size(long seed)
    {
        return 256 * 1024 + new SplittableRandom(seed).nextInt(2 * 1024 * 1024);
    }

    static InputStream content(long seed)
    {
        SplittableRandom random = new SplittableRandom(seed);
        long size = size(seed);
        return new InputStream()
        {
            private long position;

            @Override
            public int read()
            {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length)
            {
                if (position >= size) {
                    return -1;
                }
                int count = (int) Math.min(length, size - position);
                for (int i = 0; i < count; i++) {
                    buffer[offset + i] = (byte) random.nextInt(256);
                }
                position += count;
                return count;
            }
        };
    }
}
