package dev.slipway.server.build.batch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.slipway.server.build.engine.ArtifactOutcome;
import dev.slipway.server.build.engine.BuildResult;
import dev.slipway.server.build.engine.StatusContext;

import static java.util.Objects.requireNonNull;

/**
 * What a batch build did.
 *
 * @param status {@link BatchPhaseType#SUCCEEDED}, {@link BatchPhaseType#FAILED} or {@link BatchPhaseType#STOPPED}
 * @param children every planned child build, in plan order, run or not
 * @param combinedArtifact the artifact COMBINE_ARTIFACTS stored; empty unless the batch combines artifacts and a
 *        child produced one
 */
public record BatchResult(String batchId, BatchPhaseType status, List<Phase> phases, List<Child> children, Optional<ArtifactOutcome> combinedArtifact)
{
    public BatchResult
    {
        requireNonNull(batchId, "batchId is null");
        requireNonNull(status, "status is null");
        phases = List.copyOf(phases);
        children = List.copyOf(children);
        requireNonNull(combinedArtifact, "combinedArtifact is null");
    }

    public record Phase(BatchPhaseType type, Instant startTime, Instant endTime, List<StatusContext> contexts)
    {
        public Phase
        {
            requireNonNull(type, "type is null");
            contexts = List.copyOf(contexts);
        }
    }

    /**
     * @param build the child's result; empty if it never ran
     * @param notRunReason why it did not run (a failed dependency, fast-fail, a stop)
     */
    public record Child(String identifier, boolean ignoreFailure, Optional<BuildResult> build, Optional<String> notRunReason)
    {
        public Child
        {
            requireNonNull(identifier, "identifier is null");
            requireNonNull(build, "build is null");
            requireNonNull(notRunReason, "notRunReason is null");
        }

        public boolean succeeded()
        {
            return build.map(result -> result.status() == dev.slipway.server.build.engine.BuildStatus.SUCCEEDED).orElse(false);
        }
    }

    public Optional<Child> child(String identifier)
    {
        return children.stream().filter(child -> child.identifier().equals(identifier)).findFirst();
    }
}
