package dev.slipway.server.run;

import dev.slipway.api.executor.Executor;

/**
 * Gives {@code slipway run} the executor its build runs on. The command's implementation loads the bundled
 * {@code local-executor} plugin from {@code $SLIPWAY_HOME/plugins} through the server's plugin runtime (no database,
 * no HTTP); tests may hand over an executor they made.
 */
@FunctionalInterface
interface ExecutorLoader
{
    /**
     * Called once per run, on the command's thread, before the build starts.
     *
     * @throws RunSetupException if no executor can be had; its message says what to do (e.g. names the plugins
     *         directory that lacks the plugin)
     */
    LoadedExecutor load()
            throws RunSetupException;

    /** An executor and what to release after the build. */
    interface LoadedExecutor
            extends AutoCloseable
    {
        Executor executor();

        /** Closes the executor and stops what was started for it. Idempotent; never throws. */
        @Override
        void close();
    }
}
