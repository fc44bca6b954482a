package dev.slipway.server.build.artifact;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One file an {@link ArtifactSpec} selected: the path it gets inside the artifact ({@code /}-separated, relative),
 * where it is on disk, and for a symlink kept as a link ({@code enable-symlinks}) the link's target text.
 */
public record CollectedFile(String archivePath, Path source, Optional<String> linkTarget)
{
    public CollectedFile
    {
        requireNonNull(archivePath, "archivePath is null");
        requireNonNull(source, "source is null");
        requireNonNull(linkTarget, "linkTarget is null");
    }

    public boolean isSymlink()
    {
        return linkTarget.isPresent();
    }
}
