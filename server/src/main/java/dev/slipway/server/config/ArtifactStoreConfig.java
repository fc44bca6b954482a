package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One named artifact store of the {@code artifact-stores} section of {@code slipway.yml}: an instance of an artifact
 * store factory that projects name in {@code artifacts.store} and {@code cache.store}.
 *
 * <pre>{@code
 * artifact-stores:
 *   default:
 *     factory: filesystem
 *     config:
 *       root-directory: /srv/artifacts
 * }</pre>
 *
 * @param factory the artifact store factory id a plugin contributes, e.g. {@code filesystem}
 * @param config the factory's configuration, checked against its schema when the store is first used
 */
public record ArtifactStoreConfig(String factory, Map<String, Object> config)
{
    public ArtifactStoreConfig
    {
        requireNonNull(factory, "factory is null");
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        if (!ExecutorConfig.FACTORY_ID.matcher(factory).matches()) {
            throw new ConfigValueException("factory", "must be an artifact store factory id such as 'filesystem' ([a-z][a-z0-9-]*), was '"
                    + factory + "'");
        }
    }
}
