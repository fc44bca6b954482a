package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Facts about this server process that are fixed when it starts: its version and the time it started.
 *
 * @param version the server version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param startedAt when this server began to start
 */
public record RuntimeInfo(SlipwayVersion version, Instant startedAt)
{
    public RuntimeInfo
    {
        requireNonNull(version, "version is null");
        requireNonNull(startedAt, "startedAt is null");
    }
}
