package dev.slipway.server.plugin;

import static java.util.Objects.requireNonNull;

/**
 * Whose code a call runs: the plugin's id and class loader, which {@link PluginInvoker} sets as the thread's context
 * class loader. Holders must drop it when the plugin stops, or the plugin's classes stay in memory after an unload.
 *
 * @param pluginId the plugin's id
 * @param classLoader the plugin's class loader
 */
public record PluginOwner(String pluginId, ClassLoader classLoader)
{
    public PluginOwner
    {
        requireNonNull(pluginId, "pluginId is null");
        requireNonNull(classLoader, "classLoader is null");
    }

    @Override
    public String toString()
    {
        return pluginId;
    }
}
