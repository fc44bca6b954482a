package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The answer of {@code GET /api/v1/builds/{id}/logs} and {@code …/logs/tail} (contracts-service.md).
 *
 * @param from the number of the first line returned (0-based)
 * @param lines the lines, without line ends, ANSI codes kept
 * @param next where to continue: {@code from} plus the number of lines returned
 * @param total the number of lines the log has now
 * @param complete true once the build has ended and no line will be added
 */
public record LogLinesJson(long from, List<String> lines, long next, long total, boolean complete)
{
    public LogLinesJson
    {
        requireNonNull(lines, "lines is null");
    }

    static LogLinesJson of(LogSlice slice)
    {
        return new LogLinesJson(slice.from(), slice.lines(), slice.next(), slice.total(), slice.complete());
    }
}
