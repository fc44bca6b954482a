package dev.slipway.server.plugin;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;

/**
 * What the server knows about one plugin zip across loads and unloads: its descriptor (as text) and, while PF4J does
 * not hold the plugin, why (UNLOADED, or FAILED to load with the error). Holds no plugin objects and no exceptions, so
 * that it can outlive the plugin's class loader. Guarded by {@link PluginManager}'s lock.
 */
final class PluginRecord
{
    private final Path zip;
    private String id;
    private String version;
    private String description = "";
    private String provider = "";
    private String requires = "*";
    private Path directory;
    private boolean loaded;
    private PluginState unloadedState = PluginState.UNLOADED;
    private PluginJson.PluginErrorJson error;

    PluginRecord(Path zip)
    {
        this.zip = requireNonNull(zip, "zip is null");
        String name = zip.getFileName().toString();
        this.id = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
    }

    void describedBy(PluginDescriptor descriptor)
    {
        if (descriptor.getPluginId() != null && !descriptor.getPluginId().isBlank()) {
            id = descriptor.getPluginId();
        }
        version = descriptor.getVersion();
        description = Optional.ofNullable(descriptor.getPluginDescription()).orElse("");
        provider = Optional.ofNullable(descriptor.getProvider()).orElse("");
        requires = Optional.ofNullable(descriptor.getRequires()).orElse("*");
    }

    void loadedFrom(Path directory)
    {
        this.directory = directory;
        this.loaded = true;
        this.error = null;
    }

    void failed(PluginJson.PluginErrorJson error)
    {
        this.loaded = false;
        this.unloadedState = PluginState.FAILED;
        this.error = requireNonNull(error, "error is null");
    }

    void unloaded()
    {
        this.loaded = false;
        this.unloadedState = PluginState.UNLOADED;
        this.error = null;
    }

    Path zip()
    {
        return zip;
    }

    String fileName()
    {
        return zip.getFileName().toString();
    }

    String id()
    {
        return id;
    }

    String version()
    {
        return version;
    }

    String description()
    {
        return description;
    }

    String provider()
    {
        return provider;
    }

    String requires()
    {
        return requires;
    }

    Optional<Path> directory()
    {
        return Optional.ofNullable(directory);
    }

    void directory(Path directory)
    {
        this.directory = directory;
    }

    boolean loaded()
    {
        return loaded;
    }

    /** @return UNLOADED or FAILED; meaningful only while not {@link #loaded()} */
    PluginState unloadedState()
    {
        return unloadedState;
    }

    Optional<PluginJson.PluginErrorJson> error()
    {
        return Optional.ofNullable(error);
    }
}
