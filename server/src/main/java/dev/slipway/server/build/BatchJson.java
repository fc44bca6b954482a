package dev.slipway.server.build;

import java.time.Instant;
import java.util.List;

import dev.slipway.server.build.BuildJson.ArtifactJson;
import dev.slipway.server.build.BuildJson.ContextJson;

/**
 * A batch build as the API returns it (CodeBuild's BuildBatch).
 *
 * @param id {@code <project>:<uuid>}
 * @param number the project's batch counter, from 1
 * @param status IN_PROGRESS, SUCCEEDED, FAILED or STOPPED
 * @param currentPhase SUBMITTED, DOWNLOAD_BATCHSPEC, IN_PROGRESS, COMBINE_ARTIFACTS, SUCCEEDED, FAILED or STOPPED
 * @param retryCount how many times the batch was retried (POST /api/v1/build-batches/{id}/retry)
 * @param buildGroups one per task of the batch, in plan order; empty until the batchspec was read
 * @param builds the ids of every child build of the batch, of every run, oldest first
 * @param combinedArtifact the children's primary artifacts as one; null unless the batch combines artifacts and a
 *        child produced one
 */
public record BatchJson(
        String id,
        String arn,
        long number,
        String project,
        String status,
        String currentPhase,
        String initiator,
        String sourceVersion,
        boolean combineArtifacts,
        int retryCount,
        Instant startTime,
        Instant endTime,
        List<BatchPhaseJson> phases,
        List<BuildGroupJson> buildGroups,
        List<String> builds,
        ArtifactJson combinedArtifact)
{
    /**
     * @param type a batch phase
     * @param status SUCCEEDED, FAILED or STOPPED once it ended; IN_PROGRESS while it runs; null for the final phase
     */
    public record BatchPhaseJson(String type, String status, Instant startTime, Instant endTime, Long durationMillis, List<ContextJson> contexts)
    {
    }

    /**
     * @param buildId the child build of this task in the batch's latest run; null if it did not run (see
     *        {@code notRunReason}) or has not started yet
     * @param buildStatus that build's status
     * @param notRunReason why the task did not run (a failed dependency, fast-fail, a stop)
     */
    public record BuildGroupJson(String identifier, boolean ignoreFailure, String buildId, String buildStatus, String notRunReason)
    {
    }
}
