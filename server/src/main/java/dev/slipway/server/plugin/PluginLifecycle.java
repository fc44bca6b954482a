package dev.slipway.server.plugin;

import org.pf4j.PluginWrapper;

import dev.slipway.api.SlipwayPlugin;

/**
 * What the server does when PF4J creates, starts and stops a plugin; implemented by {@link PluginManager}. PF4J calls
 * these on the thread that asked it to start or stop the plugin. An exception makes PF4J mark the plugin FAILED and keep
 * the exception.
 */
interface PluginLifecycle
{
    /** Creates the plugin's entry object through its public no-argument constructor. */
    SlipwayPlugin instantiate(PluginWrapper wrapper, Class<? extends SlipwayPlugin> pluginClass);

    /** Checks compatibility, starts the plugin and registers its factories; on failure leaves nothing registered. */
    void start(PluginWrapper wrapper, SlipwayPlugin plugin);

    /** Closes the plugin's instances, removes its factories and stops it. */
    void stop(PluginWrapper wrapper, SlipwayPlugin plugin);
}
