package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code plugins} section of {@code slipway.yml}.
 *
 * @param directory where plugin zips are read from, {@code <home>/plugins} by default
 * @param callTimeout how long one call into plugin code (start, stop, create, …) may take unless the caller gives
 *        its own limit
 */
public record PluginsConfig(Path directory, Duration callTimeout)
{
    public PluginsConfig
    {
        requireNonNull(directory, "directory is null");
        requireNonNull(callTimeout, "callTimeout is null");
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new ConfigValueException("call-timeout", "must be positive, was " + callTimeout);
        }
    }
}
