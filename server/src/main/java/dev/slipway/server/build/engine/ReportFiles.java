package dev.slipway.server.build.engine;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The files a {@code reports.<group>} entry selected.
 *
 * @param group the group as the buildspec names it
 * @param reportGroupName the group's full name: {@code <project>-<group>} for a bare name, the ARN itself for an ARN
 * @param fileFormat the buildspec's {@code file-format}, upper-case
 * @param files the selected files, relative to the source directory, {@code /}-separated, sorted
 */
public record ReportFiles(String group, String reportGroupName, String fileFormat, List<String> files)
{
    public ReportFiles
    {
        requireNonNull(group, "group is null");
        requireNonNull(reportGroupName, "reportGroupName is null");
        requireNonNull(fileFormat, "fileFormat is null");
        files = List.copyOf(files);
    }
}
