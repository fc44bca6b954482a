package dev.slipway.server.build.report;

import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * A report file does not have the shape its format requires. Thrown by the format parsers, caught by
 * {@link ReportParsers}, which turns it into a {@link ReportProblem}; never leaves this package.
 */
final class ReportFileException
        extends Exception
{
    private final OptionalInt line;
    private final OptionalInt column;

    ReportFileException(String message, OptionalInt line, OptionalInt column)
    {
        super(requireNonNull(message, "message is null"));
        this.line = requireNonNull(line, "line is null");
        this.column = requireNonNull(column, "column is null");
    }

    ReportFileException(String message)
    {
        this(message, OptionalInt.empty(), OptionalInt.empty());
    }

    OptionalInt line()
    {
        return line;
    }

    OptionalInt column()
    {
        return column;
    }
}
