package dev.slipway.server.plugin;

import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: the plugin's {@code classes/} and {@code lib/*.jar} first, then its plugin dependencies, then
 * {@link HostApiClassLoader}. The shared API and SLF4J always come from the server, even when a plugin bundles a copy,
 * so that {@code SlipwayPlugin} is one class for server and plugins alike.
 */
final class SlipwayPluginClassLoader
        extends PluginClassLoader
{
    SlipwayPluginClassLoader(PluginManager pluginManager, PluginDescriptor descriptor, HostApiClassLoader parent)
    {
        super(pluginManager, descriptor, parent);
    }

    @Override
    protected boolean shouldDelegateToParent(String className)
    {
        // PF4J's own rule would also send org.pf4j.* to the parent, which does not have it: plugins never see PF4J.
        return HostApiClassLoader.isShared(className) || super.shouldDelegateToParent(className);
    }

    @Override
    public String toString()
    {
        return "SlipwayPluginClassLoader[" + getName() + "]";
    }
}
