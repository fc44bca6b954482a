package dev.slipway.api.executor;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of {@link ShellSession#run}: the exit status and how long the command took.
 *
 * @since 0.1
 */
public final class CommandResult
{
    /** The exit status reported for a command that was killed because its time ran out. @since 0.1 */
    public static final int TIMED_OUT_EXIT_STATUS = 124;

    private final int exitStatus;
    private final Duration duration;
    private final boolean timedOut;

    private CommandResult(int exitStatus, Duration duration, boolean timedOut)
    {
        this.exitStatus = exitStatus;
        this.duration = Objects.requireNonNull(duration, "duration is null");
        this.timedOut = timedOut;
    }

    /** @return the result of a command that ran to its end with {@code exitStatus} @since 0.1 */
    public static CommandResult exited(int exitStatus, Duration duration)
    {
        return new CommandResult(exitStatus, duration, false);
    }

    /** @return the result of a command that was killed when its time ran out @since 0.1 */
    public static CommandResult timedOut(Duration duration)
    {
        return new CommandResult(TIMED_OUT_EXIT_STATUS, duration, true);
    }

    /** @return the exit status (0–255; 128 + n for a command killed by signal n) @since 0.1 */
    public int exitStatus()
    {
        return exitStatus;
    }

    /** @since 0.1 */
    public Duration duration()
    {
        return duration;
    }

    /** @since 0.1 */
    public boolean timedOut()
    {
        return timedOut;
    }

    /** @return true if the command exited with status 0 within its time @since 0.1 */
    public boolean succeeded()
    {
        return exitStatus == 0 && !timedOut;
    }

    @Override
    public String toString()
    {
        return timedOut ? "timed out after " + duration : "exit status " + exitStatus + " after " + duration;
    }
}
