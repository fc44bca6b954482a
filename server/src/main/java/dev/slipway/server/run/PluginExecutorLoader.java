package dev.slipway.server.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.LoggerFactory;

import dev.slipway.api.ExtensionKind;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.executor.Executor;
import dev.slipway.server.config.ConfigLoader;
import dev.slipway.server.config.SlipwayConfig;
import dev.slipway.server.config.SlipwayVersion;
import dev.slipway.server.plugin.ExtensionInstance;
import dev.slipway.server.plugin.ExtensionInstances;
import dev.slipway.server.plugin.ExtensionRegistry;
import dev.slipway.server.plugin.PluginInvoker;
import dev.slipway.server.plugin.PluginJson;
import dev.slipway.server.plugin.PluginManager;

import static java.util.Objects.requireNonNull;

/**
 * Loads the executor of {@code slipway run} the way the server loads its plugins: the server's plugin runtime (PF4J
 * with Slipway's API-only class loaders) reads every zip in the plugins directory of {@code $SLIPWAY_HOME}
 * ({@code plugins.directory} of {@code conf/slipway.yml}), and the {@code local} executor factory creates the
 * executor with its default configuration. No database, no HTTP.
 *
 * <p>The run gets a data directory of its own (a temporary one, deleted afterwards): the plugin runtime expands zips
 * below it and the executor keeps its toolchain links there, so that a run never touches the files of a server that
 * uses the same home.
 */
final class PluginExecutorLoader
        implements ExecutorLoader
{
    static final String EXECUTOR_ID = "local";

    private final Path home;
    private final Map<String, String> environment;

    PluginExecutorLoader(Path home, Map<String, String> environment)
    {
        this.home = requireNonNull(home, "home is null").toAbsolutePath().normalize();
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    }

    /** @return a loader for {@code $SLIPWAY_HOME} (the current directory when it is not set) */
    static PluginExecutorLoader fromEnvironment()
    {
        Map<String, String> environment = System.getenv();
        return new PluginExecutorLoader(Path.of(environment.getOrDefault("SLIPWAY_HOME", ".")), environment);
    }

    @Override
    public LoadedExecutor load()
            throws RunSetupException
    {
        SlipwayConfig configured;
        try {
            configured = new ConfigLoader(home, environment).load(Optional.empty());
        }
        catch (SlipwayException e) {
            throw new RunSetupException(e.getMessage(), e);
        }
        Path plugins = configured.plugins().directory();
        if (!Files.isDirectory(plugins)) {
            throw new RunSetupException("the plugins directory " + plugins + " does not exist; slipway run needs the bundled local-executor plugin "
                    + "there (set SLIPWAY_HOME to the Slipway installation, or plugins.directory in conf/slipway.yml)");
        }
        Path data;
        try {
            data = Files.createTempDirectory("slipway-run-data-");
        }
        catch (IOException e) {
            throw new RunSetupException("cannot create a temporary data directory: " + e.getMessage(), e);
        }
        SlipwayConfig config = configured.withDataDirectory(data);
        SlipwayVersion version = SlipwayVersion.current();
        PluginInvoker invoker = new PluginInvoker(config.plugins());
        ExtensionRegistry registry = new ExtensionRegistry();
        ExtensionInstances instances = new ExtensionInstances(registry, invoker, config, version);
        PluginManager manager = new PluginManager(config.plugins(), config, version, invoker, registry, instances);
        try {
            manager.startAsync().awaitRunning();
        }
        catch (IllegalStateException e) {
            deleteTree(data);
            Throwable cause = manager.failureCause();
            throw new RunSetupException("the plugin runtime could not start: " + (cause == null ? e.getMessage() : cause.getMessage()), e);
        }
        try {
            if (registry.find(ExtensionKind.EXECUTOR, EXECUTOR_ID).isEmpty()) {
                throw new RunSetupException("no plugin in " + plugins + " provides the '" + EXECUTOR_ID + "' executor; slipway run needs the bundled "
                        + "local-executor plugin (local-executor-*.zip) there" + describe(manager));
            }
            ExtensionInstance<Executor> executor = instances.instance(ExtensionKind.EXECUTOR, EXECUTOR_ID, Map.of(), Executor.class);
            return new Loaded(executor.instance(), manager, data);
        }
        catch (RunSetupException | RuntimeException e) {
            stop(manager, data);
            if (e instanceof SlipwayException slipway) {
                throw new RunSetupException("the local executor could not be created: " + slipway.getMessage(), e);
            }
            throw e;
        }
    }

    /** The plugins that did load and why the others failed, for the message that says the executor is missing. */
    private static String describe(PluginManager manager)
    {
        if (manager.plugins().isEmpty()) {
            return " (the directory has no plugin zips)";
        }
        return manager.plugins().stream()
                .map(plugin -> plugin.path() + ": " + plugin.state() + Optional.ofNullable(plugin.error()).map(PluginJson.PluginErrorJson::message)
                        .map(message -> " (" + message + ")").orElse(""))
                .collect(Collectors.joining("; ", " (found: ", ")"));
    }

    private static void stop(PluginManager manager, Path data)
    {
        try {
            manager.stopAsync().awaitTerminated();
        }
        catch (IllegalStateException e) {
            LoggerFactory.getLogger(PluginExecutorLoader.class).debug("Stopping the plugin runtime failed", e);
        }
        deleteTree(data);
    }

    private static final class Loaded
            implements LoadedExecutor
    {
        private final Executor executor;
        private final PluginManager manager;
        private final Path data;
        private boolean closed;

        Loaded(Executor executor, PluginManager manager, Path data)
        {
            this.executor = executor;
            this.manager = manager;
            this.data = data;
        }

        @Override
        public Executor executor()
        {
            return executor;
        }

        @Override
        public synchronized void close()
        {
            if (!closed) {
                closed = true;
                // Stopping the plugin closes the executor instance it created.
                stop(manager, data);
            }
        }
    }

    private static void deleteTree(Path root)
    {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(PluginExecutorLoader.class).debug("Could not delete {}", root, e);
        }
    }
}
