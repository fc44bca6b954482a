package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The {@code events} section of {@code slipway.yml}: the live event stream ({@code GET /api/v1/events}).
 *
 * @param heartbeatInterval how often an idle stream gets a comment line, so that proxies keep it open and dead
 *        clients are noticed
 * @param subscriberBuffer how many events may wait for one subscriber; a subscriber that falls this far behind is
 *        dropped (it reconnects), so that a slow client never slows builds
 */
public record EventsConfig(Duration heartbeatInterval, int subscriberBuffer)
{
    public EventsConfig
    {
        requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new ConfigValueException("heartbeat-interval", "must be positive, was " + heartbeatInterval);
        }
        if (subscriberBuffer < 1 || subscriberBuffer > 1_000_000) {
            throw new ConfigValueException("subscriber-buffer", "must be between 1 and 1000000, was " + subscriberBuffer);
        }
    }
}
