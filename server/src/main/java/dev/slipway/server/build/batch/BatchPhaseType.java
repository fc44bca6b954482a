package dev.slipway.server.build.batch;

/** The phases of a batch build, with CodeBuild's names; the last is the batch's final status. */
public enum BatchPhaseType
{
    SUBMITTED,
    DOWNLOAD_BATCHSPEC,
    IN_PROGRESS,
    COMBINE_ARTIFACTS,
    SUCCEEDED,
    FAILED,
    STOPPED,
}
