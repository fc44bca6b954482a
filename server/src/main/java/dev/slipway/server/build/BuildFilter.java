package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@code GET /api/v1/builds} is filtered by.
 *
 * @param since builds submitted at or after
 * @param until builds submitted before
 */
record BuildFilter(Optional<String> project, Optional<String> status, Optional<String> initiator, Optional<Instant> since, Optional<Instant> until)
{
    BuildFilter
    {
        requireNonNull(project, "project is null");
        requireNonNull(status, "status is null");
        requireNonNull(initiator, "initiator is null");
        requireNonNull(since, "since is null");
        requireNonNull(until, "until is null");
    }
}
