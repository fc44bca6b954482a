package dev.slipway.api;

import java.util.Objects;

/**
 * The answer of {@link ExtensionFactory#check}: a "test connection" for a configuration.
 *
 * @since 0.1
 */
public final class CheckResult
{
    /**
     * Outcome of a check.
     *
     * @since 0.1
     */
    public enum Status
    {
        /** @since 0.1 */ OK,
        /** @since 0.1 */ FAILED,
        /** @since 0.1 */ NOT_SUPPORTED,
    }

    private static final CheckResult NOT_SUPPORTED = new CheckResult(Status.NOT_SUPPORTED, "This extension offers no connection check");

    private final Status status;
    private final String message;

    private CheckResult(Status status, String message)
    {
        this.status = Objects.requireNonNull(status, "status is null");
        this.message = Objects.requireNonNull(message, "message is null");
    }

    /** @since 0.1 */
    public static CheckResult ok(String message)
    {
        return new CheckResult(Status.OK, message);
    }

    /** @since 0.1 */
    public static CheckResult failed(String message)
    {
        return new CheckResult(Status.FAILED, message);
    }

    /** @since 0.1 */
    public static CheckResult notSupported()
    {
        return NOT_SUPPORTED;
    }

    /** @since 0.1 */
    public Status status()
    {
        return status;
    }

    /** @since 0.1 */
    public String message()
    {
        return message;
    }

    @Override
    public String toString()
    {
        return status + ": " + message;
    }
}
