package dev.slipway.server.buildspec;

import static java.util.Objects.requireNonNull;

/**
 * A problem found in a buildspec, with where it is: the key path ({@code phases.build.commands[2]}), and the 1-based
 * line and column (0 when unknown).
 */
public record BuildspecProblem(Severity severity, String path, int line, int column, String message)
{
    public enum Severity
    {
        ERROR,
        WARNING,
    }

    public BuildspecProblem
    {
        requireNonNull(severity, "severity is null");
        requireNonNull(path, "path is null");
        requireNonNull(message, "message is null");
    }

    public boolean isError()
    {
        return severity == Severity.ERROR;
    }

    /** @return {@code file:line:col: error|warning: message} as compilers print it */
    public String format(String file)
    {
        return file + ":" + line + ":" + column + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": "
                + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
