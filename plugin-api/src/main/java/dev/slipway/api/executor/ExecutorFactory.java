package dev.slipway.api.executor;

import dev.slipway.api.ExtensionFactory;

/**
 * Describes and creates {@link Executor}s: where a build's commands run (local processes, Docker containers,
 * Kubernetes pods, remote agents).
 *
 * @since 0.1
 */
public interface ExecutorFactory
        extends ExtensionFactory<Executor>
{
}
