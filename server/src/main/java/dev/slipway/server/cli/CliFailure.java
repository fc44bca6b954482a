package dev.slipway.server.cli;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Why a client command cannot go on, for a person: printed as {@code error: <message>} with one indented line per
 * detail, then the command exits with {@link #exitCode()}. Never printed with a stack trace.
 */
final class CliFailure
        extends RuntimeException
{
    private final int exitCode;
    private final List<String> details;

    private CliFailure(int exitCode, String message, List<String> details, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.exitCode = exitCode;
        this.details = List.copyOf(details);
    }

    /** The server answered with an error: its message and details. */
    static CliFailure server(String message, List<String> details)
    {
        return new CliFailure(ExitCodes.ERROR, message, details, null);
    }

    /** Something on this side failed: a file that cannot be read, an answer that makes no sense. */
    static CliFailure local(String message, Throwable cause)
    {
        return new CliFailure(ExitCodes.ERROR, message, List.of(), cause);
    }

    /** The server cannot be reached, or stopped answering. */
    static CliFailure unreachable(String message, Throwable cause)
    {
        return new CliFailure(ExitCodes.UNREACHABLE, message, List.of(), cause);
    }

    int exitCode()
    {
        return exitCode;
    }

    List<String> details()
    {
        return details;
    }
}
