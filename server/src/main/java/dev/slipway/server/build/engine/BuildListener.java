package dev.slipway.server.build.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Follows one build as it runs: the build service writes the log and publishes events from it, {@code slipway run}
 * prints. Every method is called in order and never concurrently, on the build's thread (log lines may come from
 * the executor's output thread while a command runs); an implementation must
 * return quickly (hand slow work to another thread) and must not throw: an exception is logged and ignored.
 * Every text has been masked before it gets here.
 */
public interface BuildListener
{
    /** A phase begins. */
    default void phaseStarted(BuildPhaseType phase, Instant startTime) {}

    /** A phase ended (also {@link BuildPhaseType#COMPLETED}, which ends as it starts). */
    default void phaseEnded(PhaseRecord phase) {}

    /** One line of output of a build command or of the executor. */
    default void logLine(String line) {}

    /** A message of the engine about the build ("Running command …", "Phase complete: …"), one line. */
    default void engineMessage(String message) {}

    /**
     * A report group's files were found, at the end of the build. {@code hostFiles} are readable only during this
     * call (they may live in a temporary copy of the environment's files); parse them here.
     */
    default void reportFilesFound(ReportFiles report, List<Path> hostFiles) {}

    /** The build is over; the last call. */
    default void buildEnded(BuildResult result) {}

    static BuildListener none()
    {
        return new BuildListener() {};
    }
}
