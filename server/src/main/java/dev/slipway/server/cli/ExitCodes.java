package dev.slipway.server.cli;

/**
 * The exit status of the client commands ({@code slipway projects …}, {@code slipway builds …}). A command that waits
 * for a build ({@code builds logs --follow}, {@code builds start --wait}) exits with the build's status instead, with
 * the codes of {@code slipway run} ({@link dev.slipway.server.run.RunExitCodes}): 0 SUCCEEDED, 1 FAILED, 3 FAULT,
 * 4 TIMED_OUT, 130 STOPPED.
 */
final class ExitCodes
{
    static final int OK = 0;
    /** The server refused the request (its error is printed), or a local file could not be read. */
    static final int ERROR = 1;
    /** The command line was wrong (picocli's code for usage errors). */
    static final int USAGE = 2;
    /** The server could not be reached, or the connection to it broke for good. */
    static final int UNREACHABLE = 3;

    private ExitCodes() {}
}
