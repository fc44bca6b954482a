package dev.slipway.server.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.pf4j.PluginDescriptor;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.ExtensionFactory;
import dev.slipway.api.ExtensionKind;
import dev.slipway.api.PluginContext;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.SlipwayPlugin;
import dev.slipway.api.approval.ApprovalGateFactory;
import dev.slipway.api.artifact.ArtifactStoreFactory;
import dev.slipway.api.executor.ExecutorFactory;
import dev.slipway.api.notification.NotifierFactory;
import dev.slipway.api.source.SourceProviderFactory;
import dev.slipway.server.config.PluginsConfig;
import dev.slipway.server.config.SlipwayConfig;
import dev.slipway.server.config.SlipwayVersion;

/**
 * The plugin runtime: loads every {@code *.zip} of the plugins directory through PF4J when the server starts, starts
 * them (dependencies first, otherwise in file name order), and stops them in reverse order when the server stops. While
 * the server runs, plugins can be stopped, started, unloaded and loaded again.
 *
 * <p>A plugin that cannot be loaded, misses a class, throws while starting, needs another plugin API version or
 * contributes a factory id that is taken is FAILED with a readable reason; the server and the other plugins run on.
 *
 * <p>Each plugin gets {@code <data>/plugins/<plugin-id>/} as its data directory. Zips are expanded below
 * {@code <data>/tmp/plugins/}, afresh on every load, so that a zip replaced while unloaded is what loads next.
 *
 * <p>Thread-safe: operations are serialised; {@link #plugins()} and {@link #counts()} read a snapshot and never wait.
 */
@Singleton
public final class PluginManager
        extends AbstractIdleService
{
    private static final Logger log = LoggerFactory.getLogger(PluginManager.class);
    private static final Pattern FACTORY_ID = Pattern.compile("[a-z][a-z0-9-]*");

    private final PluginsConfig config;
    private final Path dataDirectory;
    private final SlipwayVersion version;
    private final PluginInvoker invoker;
    private final ExtensionRegistry registry;
    private final ExtensionInstances instances;
    private final Lifecycle lifecycle = new Lifecycle();

    private final Object lock = new Object();
    /** By zip file name. */
    private final Map<String, PluginRecord> records = new TreeMap<>();
    private final List<String> startOrder = new ArrayList<>();
    private Pf4jRuntime runtime;
    private int loads;
    private volatile List<PluginJson> snapshot = List.of();

    @Inject
    public PluginManager(PluginsConfig config, SlipwayConfig slipwayConfig, SlipwayVersion version, PluginInvoker invoker, ExtensionRegistry registry,
            ExtensionInstances instances)
    {
        this.config = requireNonNull(config, "config is null");
        this.dataDirectory = slipwayConfig.dataDirectory();
        this.version = requireNonNull(version, "version is null");
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.instances = requireNonNull(instances, "instances is null");
    }

    @Override
    protected void startUp()
            throws IOException
    {
        synchronized (lock) {
            Path work = workDirectory();
            PluginZips.delete(work);
            Files.createDirectories(work);
            runtime = new Pf4jRuntime(config.directory(), version.pluginApi(), lifecycle, new HostApiClassLoader(PluginManager.class.getClassLoader()));

            List<Path> directories = new ArrayList<>();
            Map<Path, PluginRecord> byDirectory = new TreeMap<>();
            Map<String, PluginRecord> byId = new TreeMap<>();
            for (Path zip : zips()) {
                PluginRecord record = new PluginRecord(zip);
                records.put(record.fileName(), record);
                expand(record).ifPresent(directory -> {
                    PluginRecord first = byId.putIfAbsent(record.id(), record);
                    if (first != null) {
                        record.failed(new PluginJson.PluginErrorJson("Plugin id '" + record.id() + "' of " + record.fileName()
                                + " is already used by " + first.fileName() + "; remove one of the two zips from " + config.directory(), List.of()));
                        log.error("{}", record.error().orElseThrow().message());
                        removeDirectory(record);
                        return;
                    }
                    directories.add(directory);
                    byDirectory.put(directory, record);
                });
            }
            Map<Path, Throwable> failures = runtime.loadAll(directories);
            List<String> resolved = runtime.resolvedIds();
            byDirectory.forEach((directory, record) -> {
                Throwable failure = failures.get(directory);
                if (failure != null) {
                    failLoad(record, failure);
                }
                else if (!resolved.contains(record.id())) {
                    record.failed(unresolved(record));
                }
                else {
                    record.loadedFrom(directory);
                }
            });
            for (PluginRecord record : records.values()) {
                if (record.loaded()) {
                    startAndReport(record);
                }
            }
            refresh();
            log.info("Plugins: {} started, {} failed, from {}", counts().started(), counts().failed(), config.directory());
        }
    }

    @Override
    protected void shutDown()
    {
        synchronized (lock) {
            List<String> stopping = new ArrayList<>(startOrder);
            for (int i = stopping.size() - 1; i >= 0; i--) {
                try {
                    runtime.stopPlugin(stopping.get(i));
                }
                catch (RuntimeException e) {
                    log.warn("Stopping plugin '{}' failed: {}", stopping.get(i), e.getMessage());
                }
            }
            for (PluginRecord record : records.values()) {
                if (record.loaded()) {
                    try {
                        runtime.unloadPlugin(record.id());
                    }
                    catch (RuntimeException e) {
                        log.debug("Unloading plugin '{}' at shutdown failed", record.id(), e);
                    }
                    record.unloaded();
                }
            }
            refresh();
            invoker.shutdown();
        }
    }

    /** @return every plugin found in the plugins directory, by id */
    public List<PluginJson> plugins()
    {
        return snapshot;
    }

    /** @throws SlipwayException NOT_FOUND naming the installed plugins */
    public PluginJson plugin(String id)
    {
        return snapshot.stream().filter(plugin -> plugin.id().equals(id)).findFirst().orElseThrow(() -> notFound(id));
    }

    /** @return how many plugins there are, started and failed */
    public PluginCounts counts()
    {
        List<PluginJson> plugins = snapshot;
        Map<String, String> states = new TreeMap<>();
        // A second plugin file with a taken id fails and counts as failed; the id's state is the plugin that has it.
        plugins.forEach(plugin -> states.merge(plugin.id(), plugin.state(), (first, second) -> first.equals(PluginState.FAILED.name()) ? second : first));
        return new PluginCounts(plugins.size(),
                (int) plugins.stream().filter(plugin -> plugin.state().equals(PluginState.STARTED.name())).count(),
                (int) plugins.stream().filter(plugin -> plugin.state().equals(PluginState.FAILED.name())).count(),
                states);
    }

    /**
     * Stops a started plugin (and plugins that depend on it); a plugin that is not started stays as it is.
     *
     * @throws SlipwayException NOT_FOUND; CONFLICT if the plugin is not loaded
     */
    public PluginJson stop(String id)
    {
        synchronized (lock) {
            PluginRecord record = loadedRecord(id, "stopped");
            runtime.stopPlugin(record.id());
            return refresh(record);
        }
    }

    /**
     * Starts a loaded plugin that is not started (again, after a stop or a failure).
     *
     * @throws SlipwayException NOT_FOUND; CONFLICT if the plugin is not loaded
     */
    public PluginJson start(String id)
    {
        synchronized (lock) {
            PluginRecord record = loadedRecord(id, "started");
            startAndReport(record);
            return refresh(record);
        }
    }

    /**
     * Stops and unloads a plugin and lets go of its class loader. The zip stays in the plugins directory and the plugin
     * stays listed (UNLOADED) so that it can be loaded again.
     *
     * @throws SlipwayException NOT_FOUND
     */
    public PluginJson unload(String id)
    {
        synchronized (lock) {
            PluginRecord record = record(id);
            if (record.loaded()) {
                runtime.unloadPlugin(record.id());
                log.info("Plugin '{}' unloaded", record.id());
            }
            removeDirectory(record);
            record.unloaded();
            return refresh(record);
        }
    }

    /**
     * Loads an unloaded (or earlier failed-to-load) plugin again from its zip, and starts it.
     *
     * @throws SlipwayException NOT_FOUND if the plugin or its zip is gone; CONFLICT if it is loaded
     */
    public PluginJson load(String id)
    {
        synchronized (lock) {
            PluginRecord record = record(id);
            if (record.loaded()) {
                throw new SlipwayException(ErrorCode.CONFLICT, "Plugin '" + id + "' is already loaded (" + state(record) + "); start or stop it instead");
            }
            if (!Files.isRegularFile(record.zip())) {
                throw new SlipwayException(ErrorCode.NOT_FOUND, "The zip of plugin '" + id + "' (" + record.fileName() + ") is no longer in "
                        + config.directory());
            }
            invoker.forget(record.id());
            Optional<Path> directory = expand(record);
            if (directory.isEmpty()) {
                return refresh(record);
            }
            Optional<PluginRecord> loadedTwin = records.values().stream().filter(other -> other != record && other.loaded() && other.id().equals(record.id()))
                    .findFirst();
            if (loadedTwin.isPresent()) {
                record.failed(new PluginJson.PluginErrorJson("Plugin id '" + record.id() + "' of " + record.fileName() + " is already used by "
                        + loadedTwin.get().fileName() + "; unload that one first", List.of()));
                removeDirectory(record);
                return refresh(record);
            }
            try {
                runtime.loadPlugin(directory.get());
            }
            catch (Exception | LinkageError e) {
                failLoad(record, e);
                removeDirectory(record);
                return refresh(record);
            }
            if (!runtime.resolvedIds().contains(record.id())) {
                record.failed(unresolved(record));
                return refresh(record);
            }
            record.loadedFrom(directory.get());
            log.info("Plugin '{}' loaded from {}", record.id(), record.fileName());
            startAndReport(record);
            return refresh(record);
        }
    }

    /**
     * Starts a loaded plugin (PF4J starts its dependencies first) and logs one line if it failed: PF4J's own log is
     * off, and a failure inside plugin code has been logged with its stack by {@link PluginInvoker} already.
     */
    private void startAndReport(PluginRecord record)
    {
        runtime.startPlugin(record.id());
        PluginWrapper wrapper = runtime.getPlugin(record.id());
        if (wrapper != null && wrapper.getPluginState() == PluginState.FAILED) {
            PluginJson.PluginErrorJson error = wrapper.getFailedException() == null
                    ? new PluginJson.PluginErrorJson("failed to start", List.of())
                    : PluginJson.PluginErrorJson.of(wrapper.getFailedException());
            log.error("Plugin '{}' FAILED: {}{}", record.id(), error.message(), error.details().isEmpty() ? "" : " " + error.details());
        }
    }

    /** The class loader of a loaded plugin; for tests that check that unloading lets go of it. */
    Optional<ClassLoader> classLoader(String id)
    {
        synchronized (lock) {
            return Optional.ofNullable(runtime.getPluginClassLoader(id));
        }
    }

    private List<Path> zips()
            throws IOException
    {
        Path directory = config.directory();
        if (!Files.isDirectory(directory)) {
            log.info("No plugins: {} does not exist", directory);
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".zip") && Files.isRegularFile(path))
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        }
    }

    /** Expands a record's zip into a fresh directory and reads its descriptor; on failure the record is FAILED. */
    private Optional<Path> expand(PluginRecord record)
    {
        String name = record.fileName().replaceFirst("\\.zip$", "");
        Path directory = workDirectory().resolve(name + "." + ++loads);
        try {
            PluginZips.expand(record.zip(), directory);
            PluginDescriptor descriptor = runtime.describe(directory);
            record.describedBy(descriptor);
            if (descriptor.getPluginId() == null || descriptor.getPluginId().isBlank()) {
                throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, record.fileName() + " has no Plugin-Id in classes/META-INF/MANIFEST.MF");
            }
            record.directory(directory);
            return Optional.of(directory);
        }
        catch (IOException | RuntimeException e) {
            failLoad(record, e);
            try {
                PluginZips.delete(directory);
            }
            catch (IOException cleanup) {
                log.debug("Cannot remove {}", directory, cleanup);
            }
            return Optional.empty();
        }
    }

    private void failLoad(PluginRecord record, Throwable failure)
    {
        String message = "Plugin '" + record.id() + "' cannot be loaded from " + record.fileName() + ": " + PluginErrors.summary(failure);
        log.error("{}", message, failure);
        record.failed(new PluginJson.PluginErrorJson(message, PluginErrors.details(failure)));
    }

    private static PluginJson.PluginErrorJson unresolved(PluginRecord record)
    {
        return new PluginJson.PluginErrorJson("Plugin '" + record.id() + "' depends on plugins that are not installed, failed to load, "
                + "or have other versions", List.of());
    }

    private void removeDirectory(PluginRecord record)
    {
        record.directory().ifPresent(directory -> {
            try {
                PluginZips.delete(directory);
            }
            catch (IOException e) {
                log.warn("Cannot remove the expanded plugin {}: {}", directory, e.toString());
            }
        });
        record.directory(null);
    }

    private PluginRecord record(String id)
    {
        PluginRecord found = null;
        for (PluginRecord record : records.values()) {
            if (record.id().equals(id) && (found == null || record.loaded())) {
                found = record;
            }
        }
        if (found == null) {
            throw notFound(id);
        }
        return found;
    }

    private PluginRecord loadedRecord(String id, String what)
    {
        PluginRecord record = record(id);
        if (!record.loaded()) {
            throw new SlipwayException(ErrorCode.CONFLICT, "Plugin '" + id + "' is not loaded (" + state(record) + ") and cannot be " + what
                    + "; load it first");
        }
        return record;
    }

    private SlipwayException notFound(String id)
    {
        return new SlipwayException(ErrorCode.NOT_FOUND, "Plugin '" + id + "' is not installed. Installed plugins: "
                + snapshot.stream().map(PluginJson::id).toList());
    }

    private Path workDirectory()
    {
        return dataDirectory.resolve("tmp").resolve("plugins");
    }

    private String state(PluginRecord record)
    {
        if (record.loaded()) {
            PluginWrapper wrapper = runtime.getPlugin(record.id());
            return wrapper == null ? PluginState.UNLOADED.name() : wrapper.getPluginState().name();
        }
        return record.unloadedState().name();
    }

    private PluginJson refresh(PluginRecord record)
    {
        refresh();
        return view(record);
    }

    private void refresh()
    {
        List<PluginJson> views = new ArrayList<>();
        for (PluginRecord record : records.values()) {
            views.add(view(record));
        }
        views.sort(Comparator.comparing(PluginJson::id).thenComparing(PluginJson::path));
        snapshot = List.copyOf(views);
    }

    private PluginJson view(PluginRecord record)
    {
        String state = state(record);
        PluginJson.PluginErrorJson error = null;
        if (record.loaded()) {
            PluginWrapper wrapper = runtime.getPlugin(record.id());
            if (wrapper != null && wrapper.getPluginState() == PluginState.FAILED && wrapper.getFailedException() != null) {
                error = PluginJson.PluginErrorJson.of(wrapper.getFailedException());
            }
        }
        else {
            error = record.error().orElse(null);
        }
        List<PluginJson.ExtensionJson> extensions = state.equals(PluginState.STARTED.name())
                ? registry.ofPlugin(record.id()).stream().map(PluginJson.ExtensionJson::of).toList()
                : List.of();
        return new PluginJson(record.id(), record.version(), state, record.description(), record.provider(), record.requires(), record.fileName(),
                error, extensions);
    }

    private static PluginOwner owner(PluginWrapper wrapper)
    {
        return new PluginOwner(wrapper.getPluginId(), wrapper.getPluginClassLoader());
    }

    /**
     * How many plugins there are.
     *
     * @param total every plugin found, whatever its state
     * @param started the STARTED ones
     * @param failed the FAILED ones
     * @param states each plugin's state by plugin id, sorted by id
     */
    public record PluginCounts(int total, int started, int failed, Map<String, String> states)
    {
        public PluginCounts
        {
            states = Collections.unmodifiableMap(new TreeMap<>(states));
        }
    }

    /** PF4J's callbacks into the server, run while the manager's lock is held. */
    private final class Lifecycle
            implements PluginLifecycle
    {
        @Override
        public SlipwayPlugin instantiate(PluginWrapper wrapper, Class<? extends SlipwayPlugin> pluginClass)
        {
            Constructor<? extends SlipwayPlugin> constructor;
            try {
                constructor = pluginClass.getConstructor();
            }
            catch (NoSuchMethodException e) {
                throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Plugin-Class " + pluginClass.getName() + " of plugin '" + wrapper.getPluginId()
                        + "' needs a public no-argument constructor");
            }
            return invoker.call(owner(wrapper), "its constructor", () -> {
                try {
                    return constructor.newInstance();
                }
                catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Exception exception) {
                        throw exception;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e;
                }
            });
        }

        @Override
        public void start(PluginWrapper wrapper, SlipwayPlugin plugin)
        {
            String id = wrapper.getPluginId();
            PluginDescriptor descriptor = wrapper.getDescriptor();
            checkRequires(descriptor);
            Path directory = dataDirectory.resolve("plugins").resolve(id);
            try {
                Files.createDirectories(directory);
            }
            catch (IOException e) {
                throw new SlipwayException(ErrorCode.EXTERNAL_FAILURE, "Cannot create the data directory of plugin '" + id + "': " + directory, e);
            }
            PluginOwner owner = owner(wrapper);
            PluginContext context = ServerPluginContext.plugin(id, descriptor.getVersion(), version.server(), directory);
            invoker.call(owner, "start", () -> {
                plugin.start(context);
                return null;
            });
            List<RegisteredExtension> extensions;
            try {
                extensions = extensions(owner, plugin);
                registry.register(id, extensions);
            }
            catch (RuntimeException e) {
                try {
                    invoker.call(owner, "stop", () -> {
                        plugin.stop();
                        return null;
                    });
                }
                catch (RuntimeException stopFailure) {
                    e.addSuppressed(stopFailure);
                }
                throw e;
            }
            startOrder.add(id);
            log.info("Plugin '{}' {} started{}", id, descriptor.getVersion(),
                    extensions.isEmpty() ? "" : " with " + extensions.stream().map(RegisteredExtension::label).toList());
        }

        @Override
        public void stop(PluginWrapper wrapper, SlipwayPlugin plugin)
        {
            String id = wrapper.getPluginId();
            instances.closeAll(id);
            registry.unregister(id);
            startOrder.remove(id);
            try {
                invoker.call(owner(wrapper), "stop", () -> {
                    plugin.stop();
                    return null;
                });
            }
            catch (SlipwayException e) {
                // PF4J marks a plugin FAILED only for this exception type when stopping.
                throw new PluginRuntimeException(e, "Plugin '" + id + "' failed to stop: " + e.getMessage());
            }
            log.info("Plugin '{}' stopped", id);
        }

        private void checkRequires(PluginDescriptor descriptor)
        {
            String requires = descriptor.getRequires() == null ? "*" : descriptor.getRequires().trim();
            boolean compatible;
            try {
                compatible = runtime.getVersionManager().checkVersionConstraint(version.pluginApi(), requires);
            }
            catch (RuntimeException e) {
                throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Plugin '" + descriptor.getPluginId() + "' has an invalid Plugin-Requires '"
                        + requires + "' (" + e.getMessage() + "); write a range such as >=" + version.pluginApi(), e);
            }
            if (!compatible) {
                throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Plugin '" + descriptor.getPluginId() + "' " + descriptor.getVersion()
                        + " requires Slipway plugin API " + requires + ", but this server provides " + version.pluginApi()
                        + "; install a version of the plugin built for this server");
            }
        }

        private List<RegisteredExtension> extensions(PluginOwner owner, SlipwayPlugin plugin)
        {
            List<RegisteredExtension> extensions = new ArrayList<>();
            for (ExtensionKind kind : ExtensionKind.values()) {
                List<? extends ExtensionFactory<?>> factories = invoker.call(owner, kind.id() + " factories", () -> factories(plugin, kind));
                if (factories == null) {
                    throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Plugin '" + owner.pluginId() + "' returned null instead of a list of "
                            + kind.id() + " factories");
                }
                for (ExtensionFactory<?> factory : factories) {
                    extensions.add(describe(owner, kind, factory));
                }
            }
            return extensions;
        }

        private RegisteredExtension describe(PluginOwner owner, ExtensionKind kind, ExtensionFactory<?> factory)
        {
            String pluginId = owner.pluginId();
            if (factory == null || !factoryType(kind).isInstance(factory)) {
                throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Plugin '" + pluginId + "' returned " + (factory == null ? "null" : factory.getClass().getName())
                        + " among its " + kind.id() + " factories, which must implement " + factoryType(kind).getName());
            }
            return invoker.call(owner, "describe its " + kind.id() + " factory " + factory.getClass().getSimpleName(), () -> {
                String id = factory.id();
                if (id == null || !FACTORY_ID.matcher(id).matches()) {
                    throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Plugin '" + pluginId + "' contributes a " + kind.id() + " with the id '" + id
                            + "'; factory ids match " + FACTORY_ID.pattern());
                }
                String displayName = Optional.ofNullable(factory.displayName()).orElse(id);
                String description = Optional.ofNullable(factory.description()).orElse("");
                if (factory.configSchema() == null) {
                    throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Plugin '" + pluginId + "': " + kind.id() + " '" + id
                            + "' returned no config schema; return ConfigSchema.empty() for none");
                }
                return new RegisteredExtension(kind, id, displayName, description, JsonSchemas.of(factory.configSchema()), factory, owner);
            });
        }
    }

    private static List<? extends ExtensionFactory<?>> factories(SlipwayPlugin plugin, ExtensionKind kind)
    {
        return switch (kind) {
            case SOURCE_PROVIDER -> plugin.sourceProviders();
            case EXECUTOR -> plugin.executors();
            case ARTIFACT_STORE -> plugin.artifactStores();
            case NOTIFIER -> plugin.notifiers();
            case APPROVAL_GATE -> plugin.approvalGates();
        };
    }

    private static Class<?> factoryType(ExtensionKind kind)
    {
        return switch (kind) {
            case SOURCE_PROVIDER -> SourceProviderFactory.class;
            case EXECUTOR -> ExecutorFactory.class;
            case ARTIFACT_STORE -> ArtifactStoreFactory.class;
            case NOTIFIER -> NotifierFactory.class;
            case APPROVAL_GATE -> ApprovalGateFactory.class;
        };
    }
}
