package dev.slipway.server.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.ExtensionContext;
import dev.slipway.api.ExtensionKind;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.approval.ApprovalGate;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.config.Secret;
import dev.slipway.api.config.ValidationIssue;
import dev.slipway.api.config.ValidationResult;
import dev.slipway.api.executor.Executor;
import dev.slipway.api.notification.Notifier;
import dev.slipway.api.source.SourceProvider;
import dev.slipway.server.config.SlipwayConfig;
import dev.slipway.server.config.SlipwayVersion;

/**
 * Configured extension instances, one per (kind, factory id, configuration): created on first use through the
 * factory (schema check, {@code validate}, {@code create}), then shared. A plugin's instances are closed in reverse
 * creation order when the plugin stops, before the plugin's own {@code stop}.
 *
 * <p>Each instance gets {@code <data>/plugins/<plugin-id>/<kind>/<factory-id>/<configuration hash>} as its data
 * directory, so the same configuration finds its files again after a restart.
 *
 * <p>Thread-safe. Creation holds a lock, which the factory contract allows ("must not block on remote I/O").
 */
@Singleton
public final class ExtensionInstances
{
    private static final Logger log = LoggerFactory.getLogger(ExtensionInstances.class);

    private final ExtensionRegistry registry;
    private final PluginInvoker invoker;
    private final Path dataDirectory;
    private final String serverVersion;
    private final Map<Key, ExtensionInstance<?>> instances = new LinkedHashMap<>();

    @Inject
    public ExtensionInstances(ExtensionRegistry registry, PluginInvoker invoker, SlipwayConfig config, SlipwayVersion version)
    {
        this.registry = requireNonNull(registry, "registry is null");
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.dataDirectory = config.dataDirectory();
        this.serverVersion = version.server();
    }

    /**
     * Returns the instance for a configuration, creating it on first use.
     *
     * @param config the raw configuration (as read from YAML or JSON), checked against the factory's schema
     * @param type the instance type of the kind, e.g. {@code Executor.class} for {@link ExtensionKind#EXECUTOR}
     * @throws SlipwayException NOT_FOUND if no such factory is installed; INVALID_CONFIG with one detail per problem;
     *         PLUGIN_FAILURE or TIMEOUT if the factory fails
     */
    public <T extends AutoCloseable> ExtensionInstance<T> instance(ExtensionKind kind, String factoryId, Map<String, ?> config, Class<T> type)
    {
        if (!type.isAssignableFrom(instanceType(kind))) {
            throw new IllegalArgumentException(kind.id() + " instances are " + instanceType(kind).getName() + ", not " + type.getName());
        }
        Key key = new Key(kind, factoryId, config);
        synchronized (instances) {
            ExtensionInstance<?> known = instances.get(key);
            if (known != null) {
                return cast(known, type);
            }
            RegisteredExtension extension = registry.require(kind, factoryId);
            ExtensionInstance<T> created = create(extension, key, type);
            instances.put(key, created);
            return created;
        }
    }

    /** Closes the instance of one configuration (when that configuration changes); nothing happens if there is none. */
    public void close(ExtensionKind kind, String factoryId, Map<String, ?> config)
    {
        ExtensionInstance<?> removed;
        synchronized (instances) {
            removed = instances.remove(new Key(kind, factoryId, config));
        }
        if (removed != null) {
            closeQuietly(removed);
        }
    }

    /** Closes every instance of a plugin, newest first. Failures are logged, never thrown. */
    void closeAll(String pluginId)
    {
        List<ExtensionInstance<?>> closing = new ArrayList<>();
        synchronized (instances) {
            instances.values().removeIf(instance -> {
                if (instance.pluginId().equals(pluginId)) {
                    closing.add(instance);
                    return true;
                }
                return false;
            });
        }
        for (int i = closing.size() - 1; i >= 0; i--) {
            closeQuietly(closing.get(i));
        }
    }

    private <T extends AutoCloseable> ExtensionInstance<T> create(RegisteredExtension extension, Key key, Class<T> type)
    {
        PluginOwner owner = extension.owner();
        String label = extension.label();
        ConfigValues values = invoker.call(owner, "configSchema of " + label, () -> extension.factory().configSchema().bind(key.config()));
        ValidationResult validation = invoker.call(owner, "validate " + label, () -> extension.factory().validate(values));
        if (validation == null) {
            throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Plugin '" + owner.pluginId() + "' returned no result from validate of " + label);
        }
        if (!validation.isValid()) {
            List<String> details = validation.errors().stream().map(ValidationIssue::toString).toList();
            throw new SlipwayException(ErrorCode.INVALID_CONFIG, "Invalid configuration for " + label + ": " + String.join("; ", details), details);
        }
        Path directory = dataDirectory.resolve("plugins").resolve(owner.pluginId()).resolve(extension.kind().id()).resolve(extension.id())
                .resolve(hash(key.config()));
        try {
            Files.createDirectories(directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory of " + label + ": " + directory, e);
        }
        ExtensionContext context = ServerPluginContext.extension(owner.pluginId(), extension.id(), serverVersion, dataDirectory, directory);
        Object instance = invoker.call(owner, "create " + label, () -> extension.factory().create(values, context));
        if (instance == null) {
            throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Plugin '" + owner.pluginId() + "' returned null from create of " + label);
        }
        if (!type.isInstance(instance)) {
            throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Plugin '" + owner.pluginId() + "' created a " + instance.getClass().getName()
                    + " for " + label + ", which is not a " + type.getName());
        }
        log.info("Created {} of plugin '{}' with {}", label, owner.pluginId(), values);
        return new ExtensionInstance<>(extension.kind(), extension.id(), type, type.cast(instance), owner, invoker);
    }

    private void closeQuietly(ExtensionInstance<?> instance)
    {
        try {
            instance.call("close", closeable -> {
                closeable.close();
                return null;
            });
            log.info("Closed {}", instance);
        }
        catch (RuntimeException e) {
            log.warn("Closing {} failed: {}", instance, e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends AutoCloseable> ExtensionInstance<T> cast(ExtensionInstance<?> instance, Class<T> type)
    {
        type.cast(instance.instance());
        return (ExtensionInstance<T>) instance;
    }

    static Class<? extends AutoCloseable> instanceType(ExtensionKind kind)
    {
        return switch (kind) {
            case SOURCE_PROVIDER -> SourceProvider.class;
            case EXECUTOR -> Executor.class;
            case ARTIFACT_STORE -> ArtifactStore.class;
            case NOTIFIER -> Notifier.class;
            case APPROVAL_GATE -> ApprovalGate.class;
        };
    }

    /** A stable name for a configuration: the first 16 hex digits of SHA-256 over its sorted keys and values. */
    static String hash(Map<String, ?> config)
    {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<String, Object>(config).forEach((key, value) -> canonical.append(key).append('=')
                .append(value instanceof Secret secret ? secret.reveal() : String.valueOf(value)).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Key(ExtensionKind kind, String factoryId, Map<String, ?> config)
    {
        private Key
        {
            requireNonNull(kind, "kind is null");
            requireNonNull(factoryId, "factoryId is null");
            config = new HashMap<>(config);
        }
    }
}
