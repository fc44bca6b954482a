package dev.slipway.server.build.report;

/** A test case's outcome, with CodeBuild's names. */
public enum TestStatus
{
    SUCCEEDED,
    /** An assertion did not hold. */
    FAILED,
    /** The test could not run as written: an unexpected exception, a broken fixture, an undefined step. */
    ERROR,
    /** The test did not run: disabled, ignored, skipped by an assumption or a failed dependency. */
    SKIPPED,
    /** The tool reported an outcome that is none of the above (NUnit's Inconclusive, for example). */
    UNKNOWN;

    /** @return true for FAILED and ERROR, the outcomes that fail a test report and that are kept first when truncating */
    public boolean isUnsuccessful()
    {
        return this == FAILED || this == ERROR;
    }
}
