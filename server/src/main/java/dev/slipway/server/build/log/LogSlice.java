package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Consecutive lines of a build's log, as {@link BuildLogStore#read} and {@link BuildLogStore#tail} return them.
 *
 * @param from the number of the first line (0-based)
 * @param lines the lines, without their {@code \n}
 * @param next the number of the line after the last one returned: where the next read continues
 * @param total the number of lines in the log when it was read
 * @param complete true if the log was complete when it was read
 */
public record LogSlice(long from, List<String> lines, long next, long total, boolean complete)
{
    public LogSlice
    {
        lines = List.copyOf(requireNonNull(lines, "lines is null"));
        if (from < 0 || next != from + lines.size()) {
            throw new IllegalArgumentException("Inconsistent slice: from " + from + ", " + lines.size() + " lines, next " + next);
        }
    }
}
