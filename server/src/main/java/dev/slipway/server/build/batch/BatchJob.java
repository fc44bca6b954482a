package dev.slipway.server.build.batch;

import java.nio.file.Path;

import dev.slipway.server.build.engine.BuildJob;

import static java.util.Objects.requireNonNull;

/**
 * A batch build: the parent job (project, source, buildspec location, executor, stores, variables) that every
 * child inherits, how many children may run at once, and where new children get their ids and workspaces.
 *
 * @param combineArtifacts if true, COMBINE_ARTIFACTS stores the children's primary artifacts as one artifact, each
 *        child's files under its build identifier (CodeBuild's {@code combineArtifacts})
 */
public record BatchJob(String batchId, BuildJob parent, int maxConcurrentBuilds, ChildBuilds children, boolean combineArtifacts)
{
    /** A batch whose children keep their artifacts apart. */
    public BatchJob(String batchId, BuildJob parent, int maxConcurrentBuilds, ChildBuilds children)
    {
        this(batchId, parent, maxConcurrentBuilds, children, false);
    }

    public BatchJob
    {
        requireNonNull(batchId, "batchId is null");
        requireNonNull(parent, "parent is null");
        requireNonNull(children, "children is null");
        if (maxConcurrentBuilds < 1) {
            throw new IllegalArgumentException("maxConcurrentBuilds must be at least 1, was " + maxConcurrentBuilds);
        }
    }

    /** Allocates a child build: the build service gives it an id, a number and a workspace. */
    @FunctionalInterface
    public interface ChildBuilds
    {
        /** Called on the batch's thread, once per child, before the child runs. */
        Slot allocate(String identifier)
                throws java.io.IOException;
    }

    /** @param buildId {@code <project>:<uuid>} */
    public record Slot(String buildId, long buildNumber, Path workspace)
    {
        public Slot
        {
            requireNonNull(buildId, "buildId is null");
            requireNonNull(workspace, "workspace is null");
        }
    }
}
