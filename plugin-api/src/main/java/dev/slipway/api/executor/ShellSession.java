package dev.slipway.api.executor;

import java.io.IOException;
import java.time.Duration;

/**
 * A shell in a {@link BuildEnvironment} that runs commands one after another. Within one session, the working
 * directory, shell variables (exported or not), functions and {@code set} options carry over from one command to
 * the next, as if the commands were typed into one interactive shell.
 *
 * <p>Used by one build thread at a time.
 *
 * @since 0.1
 */
public interface ShellSession
        extends AutoCloseable
{
    /**
     * Runs one command (which may span several lines, like a YAML block scalar) and waits for it to finish.
     * Standard output and standard error are merged and delivered line by line to {@code output} while the
     * command runs. The result's exit status is the status of the command's last statement; no {@code set -e} is
     * implied.
     *
     * <p>A non-zero exit status is a normal result, not an exception. When {@code timeout} passes, the command's
     * whole process tree is killed and the result says {@link CommandResult#timedOut()}; the session may then have
     * to start a fresh shell for the next command. If the command ends the shell itself ({@code exit 3}), the result
     * carries that status, and the next {@code run} starts a fresh shell with the session's original options (the
     * earlier state is lost).
     *
     * @throws InterruptedException if the calling thread is interrupted (the build was stopped); the command's
     *         process tree has been killed when this is thrown
     * @throws IOException if the environment itself failed (the shell could not be started or talked to)
     * @since 0.1
     */
    CommandResult run(String command, LogSink output, Duration timeout)
            throws IOException, InterruptedException;

    /**
     * Ends the shell and kills every process it started, including background processes in its process group.
     * Idempotent; never throws.
     *
     * @since 0.1
     */
    @Override
    void close();
}
