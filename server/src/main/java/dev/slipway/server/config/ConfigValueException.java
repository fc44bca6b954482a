package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

/**
 * Thrown by a config record's constructor when a value has the right type but is not acceptable (a port out of
 * range, an empty host). Carries the key so that the loader can point at the line and column of that value.
 */
final class ConfigValueException
        extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final String key;

    ConfigValueException(String key, String message)
    {
        super(requireNonNull(message, "message is null"));
        this.key = requireNonNull(key, "key is null");
    }

    /** @return the kebab-case key of the rejected value within its section, e.g. {@code port} */
    String key()
    {
        return key;
    }
}
