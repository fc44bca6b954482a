package dev.slipway.server.build.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock one millisecond later at every call, for stores whose "newest entry" must follow the order of puts
 * (cache fallback keys) however fast the test runs.
 */
public final class TickingClock
        extends Clock
{
    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");
    private final AtomicLong ticks = new AtomicLong();

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone)
    {
        throw new UnsupportedOperationException("A ticking clock has one zone");
    }

    @Override
    public Instant instant()
    {
        return start.plusMillis(ticks.incrementAndGet());
    }
}
