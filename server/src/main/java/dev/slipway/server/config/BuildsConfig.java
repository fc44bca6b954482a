package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code builds} section of {@code slipway.yml}: where builds run and how the server treats them.
 *
 * @param workspaceDirectory where each build's workspace is created ({@code <workspace-directory>/<project>/<uuid>}),
 *        {@code <data>/workspaces} by default
 * @param shutdownGracePeriod how long a graceful stop waits for running builds before it stops them (they end
 *        STOPPED); queued builds stay queued and run after the next start
 * @param defaultTimeoutInMinutes a new project's {@code timeoutInMinutes} when the request gives none (5–2160)
 * @param defaultQueuedTimeoutInMinutes a new project's {@code queuedTimeoutInMinutes} when the request gives none (5–480)
 * @param keepWorkspaces keep a build's workspace after it ended (for debugging); false deletes it
 * @param maxRunningBuilds how many builds run at once on this server at most, whatever the executors' slots: the size
 *        of the build thread pool
 */
public record BuildsConfig(Path workspaceDirectory, Duration shutdownGracePeriod, int defaultTimeoutInMinutes, int defaultQueuedTimeoutInMinutes,
        boolean keepWorkspaces, int maxRunningBuilds)
{
    public BuildsConfig
    {
        requireNonNull(workspaceDirectory, "workspaceDirectory is null");
        requireNonNull(shutdownGracePeriod, "shutdownGracePeriod is null");
        if (shutdownGracePeriod.isNegative()) {
            throw new ConfigValueException("shutdown-grace-period", "must not be negative, was " + shutdownGracePeriod);
        }
        if (defaultTimeoutInMinutes < 5 || defaultTimeoutInMinutes > 2160) {
            throw new ConfigValueException("default-timeout-in-minutes", "must be between 5 and 2160, was " + defaultTimeoutInMinutes);
        }
        if (defaultQueuedTimeoutInMinutes < 5 || defaultQueuedTimeoutInMinutes > 480) {
            throw new ConfigValueException("default-queued-timeout-in-minutes", "must be between 5 and 480, was " + defaultQueuedTimeoutInMinutes);
        }
        if (maxRunningBuilds < 1 || maxRunningBuilds > 10_000) {
            throw new ConfigValueException("max-running-builds", "must be between 1 and 10000, was " + maxRunningBuilds);
        }
    }
}
