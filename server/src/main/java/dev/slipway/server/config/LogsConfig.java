package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The {@code logs} section of {@code slipway.yml}: how build logs are written and streamed.
 *
 * @param flushInterval how long a written line may wait in the writer's buffer before it goes to the file and to live
 *        viewers ({@code 20ms} by default); larger values mean fewer writes, later lines
 * @param heartbeatInterval how often an idle live log stream gets a heartbeat comment ({@code 15s} by default), so that
 *        proxies keep the connection open and the server notices viewers that are gone
 */
public record LogsConfig(Duration flushInterval, Duration heartbeatInterval)
{
    public LogsConfig
    {
        requireNonNull(flushInterval, "flushInterval is null");
        requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        if (flushInterval.isNegative() || flushInterval.isZero() || flushInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new ConfigValueException("flush-interval", "must be between 1ms and 1s, was " + flushInterval);
        }
        if (heartbeatInterval.compareTo(Duration.ofMillis(10)) < 0 || heartbeatInterval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigValueException("heartbeat-interval", "must be between 10ms and 10m, was " + heartbeatInterval);
        }
    }
}
