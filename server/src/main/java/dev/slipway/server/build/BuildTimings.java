package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a build ran and how long each of its phases took; what usage is computed from.
 *
 * @param startTime when the build left the queue
 */
public record BuildTimings(String buildId, String project, Instant startTime, List<PhaseTiming> phases)
{
    public BuildTimings
    {
        requireNonNull(buildId, "buildId is null");
        requireNonNull(project, "project is null");
        requireNonNull(startTime, "startTime is null");
        phases = List.copyOf(phases);
    }

    /**
     * @param type a phase type name such as {@code BUILD}
     * @param end empty while the phase runs
     */
    public record PhaseTiming(String type, Instant start, Optional<Instant> end)
    {
        public PhaseTiming
        {
            requireNonNull(type, "type is null");
            requireNonNull(start, "start is null");
            requireNonNull(end, "end is null");
        }
    }
}
