package dev.slipway.api.config;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A secret configuration value. It never shows itself: {@link #toString()} returns {@code ******}, so that
 * a secret that reaches a log line or an exception message by accident stays hidden. Call {@link #reveal()}
 * only where the value is handed to the system that needs it.
 *
 * @since 0.1
 */
public final class Secret
{
    /** What {@link #toString()} returns. @since 0.1 */
    public static final String MASK = "******";

    private final String value;

    private Secret(String value)
    {
        this.value = Objects.requireNonNull(value, "value is null");
    }

    /** @since 0.1 */
    public static Secret of(String value)
    {
        return new Secret(value);
    }

    /** @return the secret text; never log it @since 0.1 */
    public String reveal()
    {
        return value;
    }

    /** @return true if the secret is the empty string @since 0.1 */
    public boolean isEmpty()
    {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof Secret secret
                && MessageDigest.isEqual(secret.value.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode()
    {
        return value.hashCode();
    }

    @Override
    public String toString()
    {
        return MASK;
    }
}
