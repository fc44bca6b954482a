package dev.slipway.server.plugin;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.pf4j.AbstractPluginManager;
import org.pf4j.BasePluginLoader;
import org.pf4j.DefaultPluginClasspath;
import org.pf4j.DefaultVersionManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.ExtensionFinder;
import org.pf4j.ExtensionWrapper;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.VersionManager;

/**
 * PF4J configured for Slipway: plugins are directories (expanded from zips by {@link PluginManager}) with
 * {@code classes/} and {@code lib/}; the descriptor comes from {@code classes/META-INF/MANIFEST.MF}; class loaders are
 * {@link SlipwayPluginClassLoader}s; plugin objects come from {@link SlipwayPluginFactory}. PF4J's extension mechanism
 * ({@code @Extension}) and its enabled/disabled files are not used: Slipway plugins return their factories explicitly.
 *
 * <p>{@code Plugin-Requires} is checked by the server when the plugin starts, so that an incompatible plugin is FAILED
 * with a message instead of silently DISABLED.
 *
 * <p>Not thread-safe (PF4J is not): {@link PluginManager} serialises every call.
 */
final class Pf4jRuntime
        extends AbstractPluginManager
{
    private final PluginLifecycle lifecycle;
    private final HostApiClassLoader hostApi;

    Pf4jRuntime(Path pluginsDirectory, String systemVersion, PluginLifecycle lifecycle, HostApiClassLoader hostApi)
    {
        super(List.of(pluginsDirectory));
        this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
        this.hostApi = requireNonNull(hostApi, "hostApi is null");
        setSystemVersion(systemVersion);
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    /**
     * Loads plugin directories and resolves their dependencies once all are loaded.
     *
     * @return for each directory that failed to load, the failure
     */
    Map<Path, Throwable> loadAll(List<Path> directories)
    {
        Map<Path, Throwable> failures = new LinkedHashMap<>();
        for (Path directory : directories) {
            try {
                loadPluginFromPath(directory);
            }
            catch (Exception | LinkageError e) {
                failures.put(directory, e);
            }
        }
        resolvePlugins();
        return failures;
    }

    /** @return the descriptor of a loaded plugin directory, without loading it */
    PluginDescriptor describe(Path directory)
    {
        return getPluginDescriptorFinder().find(directory);
    }

    /** @return ids of plugins PF4J has loaded and resolved */
    List<String> resolvedIds()
    {
        List<String> ids = new ArrayList<>();
        for (PluginWrapper wrapper : getResolvedPlugins()) {
            ids.add(wrapper.getPluginId());
        }
        return ids;
    }

    @Override
    protected boolean isPluginValid(PluginWrapper pluginWrapper)
    {
        // Checked in PluginManager's start, which fails the plugin with a readable reason.
        return true;
    }

    @Override
    protected PluginRepository createPluginRepository()
    {
        // PluginManager finds and expands the zips itself and hands PF4J the directories.
        return new PluginRepository()
        {
            @Override
            public List<Path> getPluginPaths()
            {
                return List.of();
            }

            @Override
            public boolean deletePluginPath(Path pluginPath)
            {
                return false;
            }
        };
    }

    @Override
    protected PluginFactory createPluginFactory()
    {
        // Called from PF4J's constructor, before this class's fields are set: hand over a supplier that reads them later.
        return new SlipwayPluginFactory(() -> lifecycle);
    }

    @Override
    protected ExtensionFactory createExtensionFactory()
    {
        return new ExtensionFactory()
        {
            @Override
            public <T> T create(Class<T> extensionClass)
            {
                throw new UnsupportedOperationException("Slipway plugins contribute factories through SlipwayPlugin, not PF4J extensions");
            }
        };
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder()
    {
        return new ManifestPluginDescriptorFinder();
    }

    @Override
    protected ExtensionFinder createExtensionFinder()
    {
        return new NoExtensionFinder();
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider()
    {
        return new PluginStatusProvider()
        {
            @Override
            public boolean isPluginDisabled(String pluginId)
            {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {}

            @Override
            public void enablePlugin(String pluginId) {}
        };
    }

    @Override
    protected PluginLoader createPluginLoader()
    {
        return new BasePluginLoader(this, new DefaultPluginClasspath())
        {
            @Override
            public boolean isApplicable(Path pluginPath)
            {
                return Files.isDirectory(pluginPath);
            }

            @Override
            protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor pluginDescriptor)
            {
                return new SlipwayPluginClassLoader(pluginManager, pluginDescriptor, hostApi);
            }
        };
    }

    @Override
    protected VersionManager createVersionManager()
    {
        return new DefaultVersionManager();
    }

    /** Slipway does not use PF4J extensions; finding none is cheaper than scanning every plugin for an index. */
    @SuppressWarnings("rawtypes")
    private static final class NoExtensionFinder
            implements ExtensionFinder
    {
        @Override
        public <T> List<ExtensionWrapper<T>> find(Class<T> type)
        {
            return List.of();
        }

        @Override
        public <T> List<ExtensionWrapper<T>> find(Class<T> type, String pluginId)
        {
            return List.of();
        }

        @Override
        public List<ExtensionWrapper> find(String pluginId)
        {
            return List.of();
        }

        @Override
        public Set<String> findClassNames(String pluginId)
        {
            return Set.of();
        }
    }
}
