package dev.slipway.server.build.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One phase a build went through. Phases that were skipped are not recorded (as in CodeBuild's build details).
 * {@link BuildPhaseType#COMPLETED} has no status, and its start and end are the same instant.
 *
 * @param attempts for command phases, every attempt ({@code on-failure: RETRY…} makes more than one); empty otherwise
 */
public record PhaseRecord(
        BuildPhaseType type,
        Instant startTime,
        Instant endTime,
        Optional<BuildStatus> status,
        List<StatusContext> contexts,
        List<PhaseAttempt> attempts)
{
    public PhaseRecord
    {
        requireNonNull(type, "type is null");
        requireNonNull(startTime, "startTime is null");
        requireNonNull(endTime, "endTime is null");
        requireNonNull(status, "status is null");
        contexts = List.copyOf(contexts);
        attempts = List.copyOf(attempts);
    }

    public Duration duration()
    {
        return Duration.between(startTime, endTime);
    }
}
