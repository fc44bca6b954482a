package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code server} section of {@code slipway.yml}: where the HTTP server listens and how it stops.
 *
 * @param host the address to bind, {@code 127.0.0.1} by default
 * @param port the TCP port, {@code 8080} by default; 0 picks a free port (tests)
 * @param shutdownGracePeriod how long in-flight requests may take to finish when the server stops
 * @param consoleDirectory serve the console from this directory instead of the bundled one (console development)
 * @param maxRequestBody the largest request body the API accepts, in bytes ({@value #DEFAULT_MAX_REQUEST_BODY} by
 *         default); a larger one is answered with 413 before it is read
 */
public record ServerConfig(String host, int port, Duration shutdownGracePeriod, Optional<Path> consoleDirectory, long maxRequestBody)
{
    /** 10 MiB: far above any project or start request, far below what would strain the heap. */
    public static final long DEFAULT_MAX_REQUEST_BODY = 10L * 1024 * 1024;

    public ServerConfig
    {
        requireNonNull(host, "host is null");
        requireNonNull(shutdownGracePeriod, "shutdownGracePeriod is null");
        requireNonNull(consoleDirectory, "consoleDirectory is null");
        if (host.isBlank()) {
            throw new ConfigValueException("host", "must not be empty; use 127.0.0.1 for local access or 0.0.0.0 for all interfaces");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigValueException("port", "must be between 0 and 65535, was " + port);
        }
        if (shutdownGracePeriod.isNegative()) {
            throw new ConfigValueException("shutdown-grace-period", "must not be negative, was " + shutdownGracePeriod);
        }
        if (maxRequestBody < 1024) {
            throw new ConfigValueException("max-request-body", "must be at least 1024 (bytes), was " + maxRequestBody);
        }
    }
}
