package dev.slipway.server.build.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import dev.slipway.server.build.report.CoverageReport;
import dev.slipway.server.build.report.Report;
import dev.slipway.server.build.report.ReportStatus;
import dev.slipway.server.build.report.TestReport;
import dev.slipway.server.build.report.TestStatus;

import static java.util.Objects.requireNonNull;

/**
 * One report group of a build: the files its {@code reports.<group>} entry selected and what they say.
 *
 * @param report the parsed test results or code coverage; its problems name files relative to the source directory
 */
public record BuildReport(ReportFiles files, Report report)
{
    public BuildReport
    {
        requireNonNull(files, "files is null");
        requireNonNull(report, "report is null");
    }

    /** @return {@link #summarize} of this report */
    public String summary()
    {
        return summarize(report);
    }

    /**
     * @return one line for people: "12 tests: 10 succeeded, 1 failed, 1 skipped" or "line coverage 81.3% (130 of
     *         160), branch coverage 60.0% (12 of 20)", with the status when the report is not SUCCEEDED
     */
    public static String summarize(Report report)
    {
        requireNonNull(report, "report is null");
        StringBuilder text = new StringBuilder();
        if (report instanceof TestReport tests) {
            text.append(tests.total()).append(tests.total() == 1 ? " test" : " tests");
            List<String> counts = new ArrayList<>();
            for (TestStatus status : TestStatus.values()) {
                int count = tests.count(status);
                if (count > 0) {
                    counts.add(count + " " + status.name().toLowerCase(Locale.ROOT) + (status == TestStatus.ERROR && count > 1 ? "s" : ""));
                }
            }
            if (!counts.isEmpty()) {
                text.append(": ").append(String.join(", ", counts));
            }
        }
        else {
            CoverageReport coverage = (CoverageReport) report;
            text.append("line coverage ").append(percentage(coverage.lineCoverage(), coverage.linesCovered(), coverage.linesMissed()))
                    .append(", branch coverage ").append(percentage(coverage.branchCoverage(), coverage.branchesCovered(), coverage.branchesMissed()));
        }
        if (report.status() != ReportStatus.SUCCEEDED) {
            text.append(" (").append(report.status()).append(")");
        }
        return text.toString();
    }

    private static String percentage(OptionalDouble value, long covered, long missed)
    {
        if (value.isEmpty()) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f%% (%d of %d)", value.getAsDouble(), covered, covered + missed);
    }
}
