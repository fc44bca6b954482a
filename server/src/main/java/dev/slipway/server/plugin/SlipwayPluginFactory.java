package dev.slipway.server.plugin;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginWrapper;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.SlipwayPlugin;

/**
 * Creates PF4J's {@link Plugin} for a plugin whose {@code Plugin-Class} implements {@link SlipwayPlugin}. Unlike
 * PF4J's default factory it never returns null: every problem is an exception with its cause and a message that says
 * what to fix, which PF4J records when it marks the plugin FAILED.
 */
final class SlipwayPluginFactory
        implements PluginFactory
{
    private final Supplier<PluginLifecycle> lifecycle;

    /** @param lifecycle supplied late: PF4J creates its factory inside its constructor, before the server is wired */
    SlipwayPluginFactory(Supplier<PluginLifecycle> lifecycle)
    {
        this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
    }

    @Override
    public Plugin create(PluginWrapper wrapper)
    {
        String pluginId = wrapper.getPluginId();
        String className = wrapper.getDescriptor().getPluginClass();
        if (className == null || className.isBlank() || className.equals(Plugin.class.getName())) {
            throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Plugin '" + pluginId + "' names no Plugin-Class in classes/META-INF/MANIFEST.MF; "
                    + "it must name the class that implements " + SlipwayPlugin.class.getName());
        }
        Class<?> pluginClass;
        try {
            pluginClass = wrapper.getPluginClassLoader().loadClass(className);
        }
        catch (ClassNotFoundException e) {
            throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Plugin-Class " + className + " of plugin '" + pluginId
                    + "' is not in the plugin (neither in classes/ nor in a jar in lib/)", e);
        }
        catch (LinkageError e) {
            throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Plugin-Class " + className + " of plugin '" + pluginId + "' cannot be loaded: "
                    + PluginErrors.summary(e), PluginErrors.details(e), e);
        }
        if (!SlipwayPlugin.class.isAssignableFrom(pluginClass)) {
            throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Plugin-Class " + className + " of plugin '" + pluginId + "' does not implement "
                    + SlipwayPlugin.class.getName());
        }
        SlipwayPlugin plugin = lifecycle.get().instantiate(wrapper, pluginClass.asSubclass(SlipwayPlugin.class));
        return new Adapter(wrapper, plugin, lifecycle.get());
    }

    /** PF4J's view of a Slipway plugin: start and stop go to the server's {@link PluginLifecycle}. */
    static final class Adapter
            extends Plugin
    {
        private final PluginWrapper wrapper;
        private final SlipwayPlugin plugin;
        private final PluginLifecycle lifecycle;

        Adapter(PluginWrapper wrapper, SlipwayPlugin plugin, PluginLifecycle lifecycle)
        {
            this.wrapper = requireNonNull(wrapper, "wrapper is null");
            this.plugin = requireNonNull(plugin, "plugin is null");
            this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
        }

        @Override
        public void start()
        {
            lifecycle.start(wrapper, plugin);
        }

        @Override
        public void stop()
        {
            lifecycle.stop(wrapper, plugin);
        }
    }
}
