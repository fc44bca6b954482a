package dev.slipway.server.build.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Everything a build produced, for the build service to persist and {@code slipway run} to print.
 *
 * @param phases the phases the build went through, in order (skipped phases are absent)
 * @param exportedVariables {@code env.exported-variables} as captured at the end of {@code post_build}, in the
 *        buildspec's order; variables that were not set are absent
 * @param cache empty if the buildspec has no {@code cache} or the project no cache store
 * @param reports one per {@code reports} group with a known {@code file-format}, in the buildspec's order, parsed at
 *        the end of the build (FINALIZING)
 * @param resolvedSourceVersion what the source reported in DOWNLOAD_SOURCE ({@code CODEBUILD_RESOLVED_SOURCE_VERSION})
 */
public record BuildResult(
        String buildId,
        long buildNumber,
        BuildStatus status,
        Instant startTime,
        Instant endTime,
        List<PhaseRecord> phases,
        Map<String, String> exportedVariables,
        List<ArtifactOutcome> artifacts,
        Optional<CacheOutcome> cache,
        List<BuildReport> reports,
        Optional<String> resolvedSourceVersion,
        Optional<String> sourceRepositoryUrl)
{
    public BuildResult
    {
        requireNonNull(buildId, "buildId is null");
        requireNonNull(status, "status is null");
        requireNonNull(startTime, "startTime is null");
        requireNonNull(endTime, "endTime is null");
        phases = List.copyOf(phases);
        exportedVariables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(exportedVariables));
        artifacts = List.copyOf(artifacts);
        requireNonNull(cache, "cache is null");
        reports = List.copyOf(reports);
        requireNonNull(resolvedSourceVersion, "resolvedSourceVersion is null");
        requireNonNull(sourceRepositoryUrl, "sourceRepositoryUrl is null");
    }

    public Duration duration()
    {
        return Duration.between(startTime, endTime);
    }

    public Optional<PhaseRecord> phase(BuildPhaseType type)
    {
        return phases.stream().filter(phase -> phase.type() == type).findFirst();
    }
}
