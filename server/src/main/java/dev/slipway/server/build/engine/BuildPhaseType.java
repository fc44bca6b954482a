package dev.slipway.server.build.engine;

/** The phases of a build, in the order they run, with CodeBuild's names. */
public enum BuildPhaseType
{
    SUBMITTED,
    QUEUED,
    PROVISIONING,
    DOWNLOAD_SOURCE,
    INSTALL,
    PRE_BUILD,
    BUILD,
    POST_BUILD,
    UPLOAD_ARTIFACTS,
    FINALIZING,
    COMPLETED,
}
