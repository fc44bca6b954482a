package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.util.Map;

import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.ExtensionKind;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.server.config.ArtifactStoreConfig;
import dev.slipway.server.config.SlipwayConfig;
import dev.slipway.server.plugin.ExtensionInstance;
import dev.slipway.server.plugin.ExtensionInstances;

/** The artifact stores of the server's {@code artifact-stores:} section, by name. Thread-safe. */
@Singleton
final class ArtifactStoreCatalog
{
    private final Map<String, ArtifactStoreConfig> stores;
    private final ExtensionInstances instances;

    @Inject
    ArtifactStoreCatalog(SlipwayConfig config, ExtensionInstances instances)
    {
        this.stores = config.artifactStores();
        this.instances = requireNonNull(instances, "instances is null");
    }

    /**
     * @throws SlipwayException NOT_FOUND if the store is not configured or its factory not installed, INVALID_CONFIG if
     *         its configuration is refused, PLUGIN_FAILURE if the plugin fails
     */
    ExtensionInstance<ArtifactStore> instance(String name)
    {
        ArtifactStoreConfig config = stores.get(name);
        if (config == null) {
            throw new SlipwayException(ErrorCode.NOT_FOUND, "Artifact store '" + name + "' is not configured; configured artifact stores: " + stores.keySet());
        }
        return instances.instance(ExtensionKind.ARTIFACT_STORE, config.factory(), config.config(), ArtifactStore.class);
    }
}
