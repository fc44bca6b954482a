package dev.slipway.server.build.report;

import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * Why a report file, or part of it, was left out of a report: the file as the caller named it, the line and column
 * where reading stopped (when the parser knows them) and what was wrong.
 */
public record ReportProblem(String file, OptionalInt line, OptionalInt column, String message)
{
    public ReportProblem
    {
        requireNonNull(file, "file is null");
        requireNonNull(line, "line is null");
        requireNonNull(column, "column is null");
        requireNonNull(message, "message is null");
    }

    /** @return {@code file:line:column: message}, leaving out what is unknown */
    @Override
    public String toString()
    {
        StringBuilder text = new StringBuilder(file);
        line.ifPresent(value -> text.append(':').append(value));
        column.ifPresent(value -> text.append(':').append(value));
        return text.append(": ").append(message).toString();
    }
}
