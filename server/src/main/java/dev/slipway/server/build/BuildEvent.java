package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

import dev.slipway.server.event.Event;

/**
 * A build's state or phase changed (CodeStar-compatible event types of {@code dev.slipway.api.notification.EventType}):
 * {@code codebuild-project-build-state-in-progress} when a build is submitted,
 * {@code …-state-succeeded}, {@code …-state-failed} (FAILED, FAULT, TIMED_OUT) and {@code …-state-stopped} when it
 * ends, {@code codebuild-project-build-phase-success} and {@code …-phase-failure} when a phase ends.
 *
 * @param buildStatus the build's status at that moment
 * @param currentPhase the build's phase at that moment
 * @param phase for phase events: the phase that ended; null otherwise
 * @param phaseStatus for phase events: how it ended; null otherwise
 */
public record BuildEvent(String id, String type, Instant time, String buildId, String project, String buildStatus, String currentPhase, String phase,
        String phaseStatus)
        implements Event
{
    public BuildEvent
    {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(time, "time is null");
        requireNonNull(buildId, "buildId is null");
        requireNonNull(project, "project is null");
        requireNonNull(buildStatus, "buildStatus is null");
        requireNonNull(currentPhase, "currentPhase is null");
    }
}
