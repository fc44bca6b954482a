package dev.slipway.server.build;

import java.time.Instant;
import java.util.List;

/**
 * A build as the API returns it (contracts-service.md). While the build is queued its status is IN_PROGRESS, its
 * current phase QUEUED and {@code waitReason} says what it waits for; {@code startTime} is when it left the queue.
 *
 * @param id {@code <project>:<uuid>}
 * @param number the project's build counter, from 1
 * @param status SUCCEEDED, FAILED, FAULT, TIMED_OUT, IN_PROGRESS or STOPPED
 * @param initiator who started it ({@code CODEBUILD_INITIATOR})
 * @param retryOf the build this one retries
 * @param priority higher runs first among queued builds (0 by default)
 * @param sourceVersion the version asked for; null for the source's default
 * @param resolvedSourceVersion the revision the build fetched
 * @param queuedAt when the build was submitted
 * @param startTime when it left the queue and began to run
 * @param endTime when it ended
 * @param waitReason what a queued build waits for; null once it runs
 * @param phases the phases so far, in order; a running phase has status IN_PROGRESS and no end
 * @param artifacts what the build stored; null for a build without artifacts
 * @param cache what the build did with its cache; null without a cache
 * @param logs where the log is and how long it is
 * @param batchId the batch this build is a child of; null for a build started on its own
 * @param batchBuildIdentifier its task's identifier in the batch ({@code CODEBUILD_BATCH_BUILD_IDENTIFIER}); null
 *        outside a batch
 */
public record BuildJson(
        String id,
        String arn,
        long number,
        String project,
        String status,
        String currentPhase,
        String initiator,
        String retryOf,
        int priority,
        String sourceVersion,
        String resolvedSourceVersion,
        Instant queuedAt,
        Instant startTime,
        Instant endTime,
        String waitReason,
        List<PhaseJson> phases,
        EnvironmentJson environment,
        List<ExportedVariableJson> exportedVariables,
        ArtifactsJson artifacts,
        List<ReportJson> reports,
        CacheJson cache,
        LogsJson logs,
        int timeoutInMinutes,
        int queuedTimeoutInMinutes,
        String batchId,
        String batchBuildIdentifier)
{
    /**
     * @param status SUCCEEDED, FAILED, FAULT, TIMED_OUT, STOPPED; IN_PROGRESS while it runs; null for COMPLETED
     * @param durationMillis null while it runs
     */
    public record PhaseJson(String type, String status, Instant startTime, Instant endTime, Long durationMillis, List<ContextJson> contexts)
    {
    }

    /** Why a phase ended as it did (CodeBuild's phase contexts), or what a queued build waited for. */
    public record ContextJson(String statusCode, String message)
    {
    }

    public record EnvironmentJson(String executor, String image, String computeType, boolean privilegedMode)
    {
    }

    public record ExportedVariableJson(String name, String value)
    {
    }

    public record ArtifactsJson(ArtifactJson primary, List<ArtifactJson> secondary)
    {
    }

    /**
     * @param identifier null for the primary artifact
     * @param location where the store keeps it
     * @param sha256 of a ZIP; null for an artifact stored as files
     * @param size bytes stored
     */
    public record ArtifactJson(String identifier, String location, String sha256, long size, String name)
    {
    }

    /**
     * A report group's summary. Test reports count test cases; coverage reports give line and branch coverage (in
     * percent, null when nothing was measured) and count no test cases.
     *
     * @param group the report group's full name ({@code <project>-<group>})
     * @param type TEST or CODE_COVERAGE
     * @param status SUCCEEDED, FAILED or INCOMPLETE
     */
    public record ReportJson(String group, String type, String format, String status, int total, int passed, int failed, int skipped,
            Double lineCoverage, Double branchCoverage)
    {
    }

    /**
     * @param key the evaluated cache key; null for the unkeyed cache
     * @param hit true if an entry was restored
     * @param matchedKey the key of the entry restored
     * @param sizeBytes the size of the entry restored (or, on a miss, of the entry saved)
     */
    public record CacheJson(String key, boolean hit, String matchedKey, long sizeBytes)
    {
    }

    /** @param href the log's lines: {@code /api/v1/builds/{id}/logs} */
    public record LogsJson(long lines, long bytes, String href)
    {
    }
}
