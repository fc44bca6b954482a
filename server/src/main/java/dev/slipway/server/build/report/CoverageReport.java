package dev.slipway.server.build.report;

import java.util.List;
import java.util.OptionalDouble;

import static java.util.Objects.requireNonNull;

/**
 * The code coverage of one report group, as CodeBuild defines it: line coverage is covered lines over all lines,
 * branch coverage is covered branches over all branches. Totals are sums over {@link #files()}.
 *
 * @param files one entry per source file, in the order first seen; a file named by several report files is one
 *         entry (line by line union where the format has line data, sums otherwise)
 */
public record CoverageReport(
        ReportFormat format,
        ReportStatus status,
        List<FileCoverage> files,
        List<ReportProblem> problems)
        implements Report
{
    public CoverageReport
    {
        requireNonNull(format, "format is null");
        requireNonNull(status, "status is null");
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    public long linesCovered()
    {
        return files.stream().mapToLong(FileCoverage::linesCovered).sum();
    }

    public long linesMissed()
    {
        return files.stream().mapToLong(FileCoverage::linesMissed).sum();
    }

    public long branchesCovered()
    {
        return files.stream().mapToLong(FileCoverage::branchesCovered).sum();
    }

    public long branchesMissed()
    {
        return files.stream().mapToLong(FileCoverage::branchesMissed).sum();
    }

    /** @return covered lines as a percentage (0–100), empty when there are no lines to cover */
    public OptionalDouble lineCoverage()
    {
        return percentage(linesCovered(), linesMissed());
    }

    /** @return covered branches as a percentage (0–100), empty when no branches were measured */
    public OptionalDouble branchCoverage()
    {
        return percentage(branchesCovered(), branchesMissed());
    }

    static OptionalDouble percentage(long covered, long missed)
    {
        long total = covered + missed;
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of(covered * 100.0 / total);
    }
}
