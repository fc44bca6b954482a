package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.slipway.server.build.BuildJson.ContextJson;
import dev.slipway.server.build.engine.BuildPhaseType;

/**
 * One row of {@code build_phases}.
 *
 * @param status empty while the phase runs, and for COMPLETED
 * @param end empty while the phase runs
 */
record PhaseRow(BuildPhaseType type, Optional<String> status, Instant start, Optional<Instant> end, List<ContextJson> contexts)
{
    PhaseRow
    {
        requireNonNull(type, "type is null");
        requireNonNull(status, "status is null");
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        contexts = List.copyOf(contexts);
    }
}
