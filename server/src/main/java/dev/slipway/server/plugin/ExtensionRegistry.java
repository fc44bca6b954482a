package dev.slipway.server.plugin;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Singleton;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.ExtensionKind;
import dev.slipway.api.SlipwayException;

/**
 * The factories of all started plugins, by kind and id. Ids are unique per kind across plugins: the plugin that comes
 * second with an id fails to start, and the message names both plugins. A plugin's factories are registered together
 * when it starts (all or none) and removed together when it stops.
 *
 * <p>Thread-safe: lookups run concurrently with registration.
 */
@Singleton
public final class ExtensionRegistry
{
    private static final Logger log = LoggerFactory.getLogger(ExtensionRegistry.class);

    private final Map<ExtensionKind, Map<String, RegisteredExtension>> byKind = new EnumMap<>(ExtensionKind.class);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public ExtensionRegistry()
    {
        for (ExtensionKind kind : ExtensionKind.values()) {
            byKind.put(kind, new ConcurrentHashMap<>());
        }
    }

    /**
     * Registers all of one plugin's factories, or none.
     *
     * @throws SlipwayException ALREADY_EXISTS naming both plugins if an id is taken (or repeated within the list)
     */
    synchronized void register(String pluginId, List<RegisteredExtension> extensions)
    {
        Map<ExtensionKind, Map<String, RegisteredExtension>> adding = new EnumMap<>(ExtensionKind.class);
        for (RegisteredExtension extension : extensions) {
            RegisteredExtension existing = byKind.get(extension.kind()).get(extension.id());
            if (existing == null) {
                existing = adding.computeIfAbsent(extension.kind(), kind -> new HashMap<>()).get(extension.id());
            }
            if (existing != null) {
                String other = existing.owner().pluginId().equals(pluginId) ? "it already contributes another one with that id"
                        : "plugin '" + existing.owner().pluginId() + "' already registered it";
                throw new SlipwayException(ErrorCode.ALREADY_EXISTS, "Plugin '" + pluginId + "' cannot register " + extension.label() + ": " + other
                        + ". Factory ids must be unique per kind; remove one of the plugins or rename the factory");
            }
            adding.computeIfAbsent(extension.kind(), kind -> new HashMap<>()).put(extension.id(), extension);
        }
        adding.forEach((kind, added) -> byKind.get(kind).putAll(added));
        changed();
    }

    /** Removes every factory of a plugin; nothing happens if it has none. */
    synchronized void unregister(String pluginId)
    {
        byKind.values().forEach(extensions -> extensions.values().removeIf(extension -> extension.owner().pluginId().equals(pluginId)));
        changed();
    }

    /**
     * Runs {@code listener} after every registration and removal (a plugin started or stopped), on the thread that
     * started or stopped the plugin, while the registry's lock is held: it must return at once (signal another thread)
     * and must not call back into the registry's writers. Features use it to notice that a factory they wait for has
     * come (or gone) without polling.
     */
    public void addChangeListener(Runnable listener)
    {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    private void changed()
    {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            }
            catch (RuntimeException e) {
                log.warn("An extension registry listener failed", e);
            }
        }
    }

    public Optional<RegisteredExtension> find(ExtensionKind kind, String id)
    {
        return Optional.ofNullable(byKind.get(kind).get(id));
    }

    /**
     * @throws SlipwayException NOT_FOUND listing the ids that are available
     */
    public RegisteredExtension require(ExtensionKind kind, String id)
    {
        return find(kind, id).orElseThrow(() -> new SlipwayException(ErrorCode.NOT_FOUND, "No " + kind.id() + " '" + id
                + "' is installed. Available: " + all(kind).stream().map(RegisteredExtension::id).toList()));
    }

    /** @return the factories of one kind, by id */
    public List<RegisteredExtension> all(ExtensionKind kind)
    {
        List<RegisteredExtension> all = new ArrayList<>(byKind.get(kind).values());
        all.sort(Comparator.comparing(RegisteredExtension::id));
        return all;
    }

    /** @return a plugin's factories, by kind and id */
    public List<RegisteredExtension> ofPlugin(String pluginId)
    {
        List<RegisteredExtension> all = new ArrayList<>();
        for (ExtensionKind kind : ExtensionKind.values()) {
            all(kind).stream().filter(extension -> extension.owner().pluginId().equals(pluginId)).forEach(all::add);
        }
        return all;
    }
}
