package dev.slipway.api.config;

import java.util.Objects;

/**
 * One problem found in a configuration, with the path of the field it concerns ({@code "url"},
 * {@code "headers.authorization"}; empty for the configuration as a whole).
 *
 * @since 0.1
 */
public final class ValidationIssue
{
    /**
     * How serious an issue is: errors block, warnings are shown and the configuration is used.
     *
     * @since 0.1
     */
    public enum Severity
    {
        /** @since 0.1 */ ERROR,
        /** @since 0.1 */ WARNING,
    }

    private final String path;
    private final String message;
    private final Severity severity;

    private ValidationIssue(String path, String message, Severity severity)
    {
        this.path = Objects.requireNonNull(path, "path is null");
        this.message = Objects.requireNonNull(message, "message is null");
        this.severity = Objects.requireNonNull(severity, "severity is null");
    }

    /** @since 0.1 */
    public static ValidationIssue error(String path, String message)
    {
        return new ValidationIssue(path, message, Severity.ERROR);
    }

    /** @since 0.1 */
    public static ValidationIssue warning(String path, String message)
    {
        return new ValidationIssue(path, message, Severity.WARNING);
    }

    /** @since 0.1 */
    public String path()
    {
        return path;
    }

    /** @since 0.1 */
    public String message()
    {
        return message;
    }

    /** @since 0.1 */
    public Severity severity()
    {
        return severity;
    }

    /** @since 0.1 */
    public boolean isError()
    {
        return severity == Severity.ERROR;
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof ValidationIssue issue
                && issue.path.equals(path) && issue.message.equals(message) && issue.severity == severity;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(path, message, severity);
    }

    /** @return {@code "path: message"}, or just the message when the path is empty */
    @Override
    public String toString()
    {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
