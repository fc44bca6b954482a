package dev.slipway.server.build.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One run of a command phase's commands and {@code finally} block; a phase with {@code on-failure: RETRY…} may have several. */
public record PhaseAttempt(int number, Instant startTime, Instant endTime, BuildStatus status, Optional<StatusContext> context)
{
    public PhaseAttempt
    {
        requireNonNull(startTime, "startTime is null");
        requireNonNull(endTime, "endTime is null");
        requireNonNull(status, "status is null");
        requireNonNull(context, "context is null");
    }

    public Duration duration()
    {
        return Duration.between(startTime, endTime);
    }
}
