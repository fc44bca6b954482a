package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.slipway.server.build.BatchJson.BatchPhaseJson;
import dev.slipway.server.build.BuildJson.ArtifactJson;
import dev.slipway.server.project.ProjectJson;

/**
 * One row of the {@code build_batches} table.
 *
 * @param request the overrides every child is started with
 * @param outcome what the batch's last run decided; empty while it runs
 */
record BatchRecord(
        String id,
        long seq,
        String project,
        long number,
        String status,
        String currentPhase,
        String initiator,
        boolean combineArtifacts,
        int retryCount,
        Instant startTime,
        Optional<Instant> endTime,
        ProjectJson definition,
        StartBuildRequest request,
        List<BatchPhaseJson> phases,
        Optional<Outcome> outcome)
{
    BatchRecord
    {
        requireNonNull(id, "id is null");
        requireNonNull(project, "project is null");
        requireNonNull(status, "status is null");
        requireNonNull(currentPhase, "currentPhase is null");
        requireNonNull(initiator, "initiator is null");
        requireNonNull(startTime, "startTime is null");
        requireNonNull(endTime, "endTime is null");
        requireNonNull(definition, "definition is null");
        requireNonNull(request, "request is null");
        phases = List.copyOf(phases);
        requireNonNull(outcome, "outcome is null");
    }

    boolean isActive()
    {
        return status.equals(BuildRecord.IN_PROGRESS);
    }

    /**
     * @param groups one per planned task, in plan order
     * @param combinedArtifact null if nothing was combined
     */
    record Outcome(List<Group> groups, ArtifactJson combinedArtifact)
    {
        Outcome
        {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    /**
     * @param buildId the child that ran for the task; null if it did not run
     * @param primaryArtifact the child's primary artifact, kept so that a retry of the failed builds can combine it again
     */
    record Group(String identifier, boolean ignoreFailure, String buildId, String buildStatus, String notRunReason, StoredArtifact primaryArtifact)
    {
    }

    /** An {@link dev.slipway.server.build.engine.ArtifactOutcome} as stored. */
    record StoredArtifact(String name, String packaging, String key, String location, long size, int fileCount, String sha256)
    {
    }

    /** A child build of a batch, as linked in {@code batch_builds}. */
    record Child(String buildId, String batchId, String identifier, String status)
    {
    }
}
