package dev.slipway.server.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import dev.slipway.api.ExtensionContext;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.artifact.ArtifactStoreFactory;
import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.testkit.ArtifactStoreContractTest;

/**
 * The artifact store of {@code slipway run} against the plugin test kit's artifact store contract. It is no plugin,
 * so a small factory made for this test hands it over.
 */
class DirectoryArtifactStoreContractTest
        extends ArtifactStoreContractTest
{
    @Override
    protected ArtifactStoreFactory factory()
    {
        return new ArtifactStoreFactory()
        {
            @Override
            public String id()
            {
                return "slipway-run-directory";
            }

            @Override
            public String displayName()
            {
                return "slipway run's artifact directory";
            }

            @Override
            public ConfigSchema configSchema()
            {
                return ConfigSchema.builder().string("directory").label("Directory").description("Where the artifacts go.").required().add().build();
            }

            @Override
            public ArtifactStore create(ConfigValues config, ExtensionContext context)
            {
                try {
                    return new DirectoryArtifactStore(Path.of(config.getString("directory")), "");
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    @Override
    protected Map<String, ?> validConfig()
    {
        return Map.of("directory", temporaryDirectory().resolve("artifacts").toString());
    }
}
