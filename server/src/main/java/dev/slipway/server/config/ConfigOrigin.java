package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

/**
 * Where a configuration value came from, as shown at the start of an error message:
 * {@code conf/slipway.yml:3:5} or {@code environment variable SLIPWAY_SERVER_PORT}.
 */
record ConfigOrigin(String description)
{
    ConfigOrigin
    {
        requireNonNull(description, "description is null");
    }

    static ConfigOrigin file(String file, int line, int column)
    {
        return new ConfigOrigin(file + ":" + line + ":" + column);
    }

    static ConfigOrigin environment(String variable)
    {
        return new ConfigOrigin("environment variable " + variable);
    }

    @Override
    public String toString()
    {
        return description;
    }
}
