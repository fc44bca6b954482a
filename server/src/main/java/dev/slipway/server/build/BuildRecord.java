package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

import dev.slipway.server.project.ProjectJson;

/**
 * One row of the {@code builds} table.
 *
 * @param seq the server-wide submission order (the queue's FIFO order, the lists' newest-first order)
 * @param status a {@link dev.slipway.server.build.engine.BuildStatus} name, or IN_PROGRESS
 * @param currentPhase a {@link dev.slipway.server.build.engine.BuildPhaseType} name
 * @param executor the executor name the build runs on (from the project's settings)
 * @param definition the project's settings when the build was started
 * @param request the start request's overrides (without the idempotency token's effect)
 * @param outcome what the build produced; empty until it ends
 */
record BuildRecord(
        String id,
        long seq,
        String project,
        long number,
        String status,
        String currentPhase,
        String initiator,
        Optional<String> retryOf,
        int priority,
        Optional<String> sourceVersion,
        Optional<String> resolvedSourceVersion,
        String executor,
        Instant queuedAt,
        Optional<Instant> startTime,
        Optional<Instant> endTime,
        Optional<String> waitReason,
        int timeoutMinutes,
        int queuedTimeoutMinutes,
        ProjectJson definition,
        StartBuildRequest request,
        Optional<BuildOutcome> outcome)
{
    static final String IN_PROGRESS = "IN_PROGRESS";

    BuildRecord
    {
        requireNonNull(id, "id is null");
        requireNonNull(project, "project is null");
        requireNonNull(status, "status is null");
        requireNonNull(currentPhase, "currentPhase is null");
        requireNonNull(initiator, "initiator is null");
        requireNonNull(retryOf, "retryOf is null");
        requireNonNull(sourceVersion, "sourceVersion is null");
        requireNonNull(resolvedSourceVersion, "resolvedSourceVersion is null");
        requireNonNull(executor, "executor is null");
        requireNonNull(queuedAt, "queuedAt is null");
        requireNonNull(startTime, "startTime is null");
        requireNonNull(endTime, "endTime is null");
        requireNonNull(waitReason, "waitReason is null");
        requireNonNull(definition, "definition is null");
        requireNonNull(request, "request is null");
        requireNonNull(outcome, "outcome is null");
    }

    boolean isActive()
    {
        return status.equals(IN_PROGRESS);
    }

    /** @return true while it waits in the queue (submitted, not yet started) */
    boolean isQueued()
    {
        return isActive() && startTime.isEmpty();
    }
}
