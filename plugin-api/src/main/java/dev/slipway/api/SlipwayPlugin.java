package dev.slipway.api;

import java.util.List;

import dev.slipway.api.approval.ApprovalGateFactory;
import dev.slipway.api.artifact.ArtifactStoreFactory;
import dev.slipway.api.executor.ExecutorFactory;
import dev.slipway.api.notification.NotifierFactory;
import dev.slipway.api.source.SourceProviderFactory;

/**
 * Entry point of a plugin: the class named by {@code Plugin-Class} in the plugin's manifest. The server
 * instantiates it once per load through its public no-argument constructor.
 *
 * <p>Lifecycle: the server calls {@link #start} once, then asks for the factories, and calls {@link #stop}
 * once when the plugin is stopped or unloaded or the server shuts down. A plugin that is started again after
 * a stop gets a new {@code start} call on the same object. Every method has a default so that new extension
 * kinds can be added without breaking existing plugins.
 *
 * <p>Factories are returned explicitly (no annotation scanning), so a plugin's unit test can call
 * {@code new MyPlugin().executors()} directly.
 *
 * @since 0.1
 */
public interface SlipwayPlugin
{
    /**
     * Called once after the plugin's class loader is ready and before any factory is used. Throwing marks the
     * plugin {@code FAILED} with the exception's message; the server and the other plugins keep running.
     *
     * @since 0.1
     */
    default void start(PluginContext context) {}

    /**
     * Called once when the plugin is stopped or unloaded or the server shuts down, after every instance created
     * by its factories has been closed. Must release everything {@link #start} acquired; must not throw.
     *
     * @since 0.1
     */
    default void stop() {}

    /** @return the source provider factories this plugin contributes @since 0.1 */
    default List<SourceProviderFactory> sourceProviders()
    {
        return List.of();
    }

    /** @return the executor factories this plugin contributes @since 0.1 */
    default List<ExecutorFactory> executors()
    {
        return List.of();
    }

    /** @return the artifact store factories this plugin contributes @since 0.1 */
    default List<ArtifactStoreFactory> artifactStores()
    {
        return List.of();
    }

    /** @return the notifier factories this plugin contributes @since 0.1 */
    default List<NotifierFactory> notifiers()
    {
        return List.of();
    }

    /** @return the approval gate factories this plugin contributes @since 0.1 */
    default List<ApprovalGateFactory> approvalGates()
    {
        return List.of();
    }
}
