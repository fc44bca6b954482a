package dev.slipway.server.build.artifact;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Which files an artifact (or a report group, or a cache) takes from a directory tree: the buildspec's
 * {@code files}, {@code base-directory}, {@code discard-paths}, {@code exclude-paths} and {@code enable-symlinks}.
 */
public record ArtifactSpec(List<String> files, Optional<String> baseDirectory, boolean discardPaths, List<String> excludePaths, boolean enableSymlinks)
{
    public ArtifactSpec
    {
        files = List.copyOf(files);
        requireNonNull(baseDirectory, "baseDirectory is null");
        excludePaths = List.copyOf(excludePaths);
    }

    /** @return a spec with only {@code files}, relative to the root */
    public static ArtifactSpec of(List<String> files)
    {
        return new ArtifactSpec(files, Optional.empty(), false, List.of(), false);
    }
}
