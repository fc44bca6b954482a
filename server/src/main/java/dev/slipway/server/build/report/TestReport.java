package dev.slipway.server.build.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The test results of one report group.
 *
 * @param suites every suite, in the order first seen, with totals over all its cases
 * @param cases at most {@link #MAX_CASES} cases, in file order; when there were more (CodeBuild's limit), FAILED and
 *         ERROR cases are kept first and {@link #truncated()} is true
 * @param counts cases per status over everything parsed, truncated or not; every status is present
 * @param duration the sum of the test cases' durations
 */
public record TestReport(
        ReportFormat format,
        ReportStatus status,
        List<TestSuiteSummary> suites,
        List<TestCase> cases,
        Map<TestStatus, Integer> counts,
        Duration duration,
        boolean truncated,
        List<ReportProblem> problems)
        implements Report
{
    /** CodeBuild keeps at most this many test cases per report. */
    public static final int MAX_CASES = 500;

    public TestReport
    {
        requireNonNull(format, "format is null");
        requireNonNull(status, "status is null");
        suites = List.copyOf(suites);
        cases = List.copyOf(cases);
        counts = TestSuiteSummary.completeCounts(counts);
        requireNonNull(duration, "duration is null");
        problems = List.copyOf(problems);
    }

    /** @return the number of test cases parsed, including any that {@link #cases()} leaves out */
    public int total()
    {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(TestStatus status)
    {
        return counts.get(status);
    }
}
