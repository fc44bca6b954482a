package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive lines as they are in the file: UTF-8 bytes, each line followed by {@code \n}. For followers that only
 * copy the bytes on (the SSE stream), which saves decoding and encoding every line again.
 *
 * @param bytes the text
 * @param starts {@code count + 1} offsets into {@code bytes}: where each line starts, then the end of the text
 */
record RawLines(byte[] bytes, int[] starts)
{
    RawLines
    {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(starts, "starts is null");
    }

    int count()
    {
        return starts.length - 1;
    }

    /** @return where line {@code i} starts in {@link #bytes()} */
    int start(int i)
    {
        return starts[i];
    }

    /** @return where line {@code i} ends, before its {@code \n} */
    int end(int i)
    {
        return Math.max(starts[i], starts[i + 1] - 1);
    }

    List<String> decode()
    {
        List<String> lines = new ArrayList<>(count());
        for (int i = 0; i < count(); i++) {
            lines.add(new String(bytes, start(i), end(i) - start(i), StandardCharsets.UTF_8));
        }
        return lines;
    }
}
