package dev.slipway.server.build.report;

import java.util.List;

/**
 * What the files of one report group say after a build: test results ({@link TestReport}) or code coverage
 * ({@link CoverageReport}), depending on the group's {@link ReportFormat}. Immutable.
 */
public sealed interface Report
        permits TestReport, CoverageReport
{
    ReportFormat format();

    ReportStatus status();

    /** @return the files, or parts of files, that could not be read, in the order the files were given; empty when all were read */
    List<ReportProblem> problems();
}
