package dev.slipway.server.run;

import dev.slipway.server.build.engine.BuildStatus;

/**
 * The exit status of {@code slipway run}, one per way a build can end, so that scripts can tell them apart. The client
 * commands that wait for a build on a server ({@code slipway builds logs --follow}, {@code builds start --wait}) exit
 * with the same codes.
 */
public final class RunExitCodes
{
    public static final int SUCCEEDED = 0;
    public static final int FAILED = 1;
    /** The command line was wrong, or the build could not be started (no source directory, no executor plugin, …). */
    public static final int NOT_STARTED = 2;
    public static final int FAULT = 3;
    public static final int TIMED_OUT = 4;
    /** Stopped, normally by Ctrl-C: 128 + SIGINT, as shells report a process ended by it. */
    public static final int STOPPED = 130;

    private RunExitCodes() {}

    public static int of(BuildStatus status)
    {
        return switch (status) {
            case SUCCEEDED -> SUCCEEDED;
            case FAILED -> FAILED;
            case FAULT -> FAULT;
            case TIMED_OUT -> TIMED_OUT;
            case STOPPED -> STOPPED;
        };
    }
}
