package dev.slipway.server.build.engine;

/** The final status of a build or a phase, with CodeBuild's names. */
public enum BuildStatus
{
    SUCCEEDED,
    FAILED,
    /** The system failed (an executor, a store, the engine), not the build's commands. */
    FAULT,
    TIMED_OUT,
    STOPPED,
}
