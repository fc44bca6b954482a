package dev.slipway.server.build.report;

import java.util.OptionalDouble;

import static java.util.Objects.requireNonNull;

/**
 * Coverage figures of one source file, as the coverage tool names the file. For Clover, "lines" are statements:
 * Clover counts nothing else.
 */
public record FileCoverage(String path, long linesCovered, long linesMissed, long branchesCovered, long branchesMissed)
{
    public FileCoverage
    {
        requireNonNull(path, "path is null");
        if (linesCovered < 0 || linesMissed < 0 || branchesCovered < 0 || branchesMissed < 0) {
            throw new IllegalArgumentException("coverage counts of " + path + " must not be negative");
        }
    }

    /** @return covered lines as a percentage of all lines, empty when the file has no lines to cover */
    public OptionalDouble lineCoverage()
    {
        return CoverageReport.percentage(linesCovered, linesMissed);
    }

    /** @return covered branches as a percentage of all branches, empty when the file has no branches */
    public OptionalDouble branchCoverage()
    {
        return CoverageReport.percentage(branchesCovered, branchesMissed);
    }
}
