package dev.slipway.server.plugin;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One plugin as {@code GET /api/v1/plugins} shows it (contracts.md).
 *
 * @param id the plugin id ({@code Plugin-Id}), or the zip's name when its manifest cannot be read
 * @param version {@code Plugin-Version}, or null if unknown
 * @param state CREATED, DISABLED, RESOLVED, STARTED, STOPPED, FAILED or UNLOADED
 * @param description {@code Plugin-Description}
 * @param provider {@code Plugin-Provider}
 * @param requires {@code Plugin-Requires}
 * @param path the zip's file name in the plugins directory
 * @param error why the plugin FAILED; null otherwise
 * @param extensions the factories the plugin contributes while STARTED
 */
public record PluginJson(String id, String version, String state, String description, String provider, String requires, String path,
        PluginErrorJson error, List<ExtensionJson> extensions)
{
    public PluginJson
    {
        requireNonNull(id, "id is null");
        requireNonNull(state, "state is null");
        requireNonNull(path, "path is null");
        extensions = List.copyOf(extensions);
    }

    /**
     * Why a plugin failed.
     *
     * @param message one sentence
     * @param details causes and hints, one per line
     */
    public record PluginErrorJson(String message, List<String> details)
    {
        public PluginErrorJson
        {
            requireNonNull(message, "message is null");
            details = List.copyOf(details);
        }

        static PluginErrorJson of(Throwable error)
        {
            return new PluginErrorJson(PluginErrors.summary(error), PluginErrors.details(error));
        }
    }

    /**
     * A factory a plugin contributes.
     *
     * @param kind the {@link dev.slipway.api.ExtensionKind} id, e.g. {@code artifact-store}
     * @param id the factory id, e.g. {@code filesystem}
     * @param displayName the factory's display name
     * @param description the factory's description
     * @param configSchema its configuration as JSON Schema
     */
    public record ExtensionJson(String kind, String id, String displayName, String description, Map<String, Object> configSchema)
    {
        public ExtensionJson
        {
            requireNonNull(kind, "kind is null");
            requireNonNull(id, "id is null");
        }

        static ExtensionJson of(RegisteredExtension extension)
        {
            return new ExtensionJson(extension.kind().id(), extension.id(), extension.displayName(), extension.description(), extension.configSchema());
        }
    }
}
