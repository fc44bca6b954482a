package dev.slipway.server.plugin;

import static java.util.Objects.requireNonNull;

import java.util.Map;

import dev.slipway.api.ExtensionFactory;
import dev.slipway.api.ExtensionKind;

/**
 * A factory a started plugin contributed, with what the server read from it when the plugin started (so that listing
 * extensions never calls plugin code). Call the factory itself only through {@link PluginInvoker} with {@link #owner()}.
 *
 * @param kind the extension kind
 * @param id the factory id, unique per kind
 * @param displayName the factory's display name
 * @param description the factory's description, possibly empty
 * @param configSchema the factory's config schema as JSON Schema ({@link JsonSchemas})
 * @param factory the plugin's factory object
 * @param owner the plugin that contributed it
 */
public record RegisteredExtension(ExtensionKind kind, String id, String displayName, String description, Map<String, Object> configSchema,
        ExtensionFactory<?> factory, PluginOwner owner)
{
    public RegisteredExtension
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(description, "description is null");
        requireNonNull(configSchema, "configSchema is null");
        requireNonNull(factory, "factory is null");
        requireNonNull(owner, "owner is null");
    }

    /** @return {@code executor 'local'} */
    public String label()
    {
        return kind.id() + " '" + id + "'";
    }
}
