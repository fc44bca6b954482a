package dev.slipway.testkit;

/**
 * Things an executor may not offer, for {@link ExecutorContractTest#hasBehavior}. Every behaviour is assumed unless a
 * test says otherwise; tests only name behaviours and never switch over them exhaustively, so that new ones can be
 * added.
 *
 * @since 0.1
 */
public enum ExecutorBehavior
{
    /**
     * Commands run in a real POSIX shell with real processes: functions, {@code set -o} options, {@code sh -c},
     * background jobs ({@code &}), {@code $!} and {@code $$}, and a Linux {@code /proc} to check that processes are
     * gone.
     *
     * @since 0.1
     */
    POSIX_SHELL,
    /**
     * {@code openShell} honours {@link dev.slipway.api.executor.ShellOptions#runAs()} (the local executor only when the
     * server runs as root). Without it, {@code openShell} with a {@code runAs} user fails with a message that says so.
     *
     * @since 0.1
     */
    RUN_AS,
    /**
     * {@link dev.slipway.api.executor.BuildEnvironment#hostPath} maps environment paths to the server's disk, and
     * the workspace path is the request's workspace.
     *
     * @since 0.1
     */
    HOST_PATH,
}
