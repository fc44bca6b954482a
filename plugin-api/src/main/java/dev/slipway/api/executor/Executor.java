package dev.slipway.api.executor;

import java.io.IOException;

/**
 * Provides isolated environments in which the server's build engine runs commands. The engine, not the
 * executor, owns buildspec semantics (phases, shell scope, variable precedence, artifacts), so that every
 * executor and {@code slipway run} behave the same; an executor only provides environments that run shell
 * commands and move files.
 *
 * <p>Thread safety: one instance serves many builds concurrently, from the engine's build threads.
 * Cancellation: the engine interrupts the thread that is inside a call and then closes the environment;
 * implementations must stop promptly and leave nothing running.
 *
 * @since 0.1
 */
public interface Executor
        extends AutoCloseable
{
    /**
     * Prepares an environment for one build: for example starts a container with the build's workspace
     * mounted. Called once per build on the build's thread, during the build's PROVISIONING phase.
     *
     * <p>On failure every partially created resource must be released before the exception is thrown; the
     * engine records the build as FAULT (for an {@link IOException}) with the exception's message.
     *
     * @throws IOException if the environment could not be created (an unknown image, a daemon that does not answer)
     * @throws InterruptedException if the build was stopped meanwhile; nothing may be left running
     * @since 0.1
     */
    BuildEnvironment provision(EnvironmentRequest request, BuildContext context)
            throws IOException, InterruptedException;

    /**
     * How many builds this executor instance can run at the same time; the server's configuration may set a
     * different number. The local executor answers the number of processor cores.
     *
     * @since 0.1
     */
    default int capacity()
    {
        return 1;
    }

    /**
     * Releases the executor's own resources (connections, thread pools). Called by the server after all
     * environments it provisioned are closed. Idempotent; never throws.
     *
     * @since 0.1
     */
    @Override
    default void close() {}
}
