package dev.slipway.server.build.artifact;

import java.util.List;

/** What {@link FileCollector#collect} found: files in archive-path order, and warnings for the build's log. */
public record CollectedFiles(List<CollectedFile> files, List<String> warnings)
{
    public CollectedFiles
    {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    public boolean isEmpty()
    {
        return files.isEmpty();
    }
}
