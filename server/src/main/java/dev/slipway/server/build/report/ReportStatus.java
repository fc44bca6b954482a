package dev.slipway.server.build.report;

/**
 * A parsed report's status, with CodeBuild's names. CodeBuild's {@code GENERATING} and {@code DELETING} describe a
 * report's storage, not its content, and are not produced by parsing.
 */
public enum ReportStatus
{
    /** Every file was read; for test reports, no test case FAILED or ERROR. */
    SUCCEEDED,
    /** For test reports: at least one test case FAILED or ERROR. For any report: no file could be read at all. */
    FAILED,
    /** Some files were read and some were not (or none were found); {@link Report#problems()} says which and why. */
    INCOMPLETE
}
