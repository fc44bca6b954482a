package dev.slipway.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stable, machine-readable error code with the {@link ErrorType} that says who is responsible for it.
 * Codes are string-keyed values rather than an enum so that the server and plugins can add codes
 * without changing this API; two codes are equal when their names are equal.
 *
 * <p>The REST API returns {@link #name()} as the {@code code} field of its error body.
 *
 * @since 0.1
 */
public final class ErrorCode
{
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** A request argument is missing or malformed. @since 0.1 */
    public static final ErrorCode INVALID_ARGUMENT = new ErrorCode("INVALID_ARGUMENT", ErrorType.USER_ERROR);
    /** An extension's configuration does not satisfy its schema or its factory's checks. @since 0.1 */
    public static final ErrorCode INVALID_CONFIG = new ErrorCode("INVALID_CONFIG", ErrorType.USER_ERROR);
    /** The thing asked for does not exist. @since 0.1 */
    public static final ErrorCode NOT_FOUND = new ErrorCode("NOT_FOUND", ErrorType.USER_ERROR);
    /** The thing to create exists already. @since 0.1 */
    public static final ErrorCode ALREADY_EXISTS = new ErrorCode("ALREADY_EXISTS", ErrorType.USER_ERROR);
    /** The operation is not allowed in the current state (stopping a finished build, …). @since 0.1 */
    public static final ErrorCode CONFLICT = new ErrorCode("CONFLICT", ErrorType.USER_ERROR);
    /** The extension does not offer this optional operation. @since 0.1 */
    public static final ErrorCode NOT_SUPPORTED = new ErrorCode("NOT_SUPPORTED", ErrorType.USER_ERROR);
    /** The caller may not do this. @since 0.1 */
    public static final ErrorCode PERMISSION_DENIED = new ErrorCode("PERMISSION_DENIED", ErrorType.USER_ERROR);
    /** The operation was cancelled before it completed. @since 0.1 */
    public static final ErrorCode CANCELLED = new ErrorCode("CANCELLED", ErrorType.USER_ERROR);
    /** An operation took longer than it was allowed to. @since 0.1 */
    public static final ErrorCode TIMEOUT = new ErrorCode("TIMEOUT", ErrorType.EXTERNAL);
    /** A system Slipway depends on is unavailable or failed. @since 0.1 */
    public static final ErrorCode EXTERNAL_FAILURE = new ErrorCode("EXTERNAL_FAILURE", ErrorType.EXTERNAL);
    /** A plugin threw or broke its contract. @since 0.1 */
    public static final ErrorCode PLUGIN_FAILURE = new ErrorCode("PLUGIN_FAILURE", ErrorType.PLUGIN_ERROR);
    /** An unexpected failure inside Slipway. @since 0.1 */
    public static final ErrorCode INTERNAL = new ErrorCode("INTERNAL", ErrorType.INTERNAL_ERROR);

    private final String name;
    private final ErrorType type;

    private ErrorCode(String name, ErrorType type)
    {
        this.name = Objects.requireNonNull(name, "name is null");
        this.type = Objects.requireNonNull(type, "type is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Error code name must match " + NAME + ": " + name);
        }
    }

    /**
     * Returns a code with the given name; use for codes this class does not define.
     *
     * @param name upper-case name matching {@code [A-Z][A-Z0-9_]*}
     * @param type who is responsible for errors with this code
     * @since 0.1
     */
    public static ErrorCode of(String name, ErrorType type)
    {
        return new ErrorCode(name, type);
    }

    /** @return the stable upper-case name, e.g. {@code NOT_FOUND} @since 0.1 */
    public String name()
    {
        return name;
    }

    /** @return who is responsible for errors with this code @since 0.1 */
    public ErrorType type()
    {
        return type;
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof ErrorCode code && code.name.equals(name);
    }

    @Override
    public int hashCode()
    {
        return name.hashCode();
    }

    @Override
    public String toString()
    {
        return name + ":" + type;
    }
}
