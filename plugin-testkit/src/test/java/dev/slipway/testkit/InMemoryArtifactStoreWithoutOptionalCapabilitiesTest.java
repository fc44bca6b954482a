package dev.slipway.testkit;

import java.util.List;
import java.util.Map;

import dev.slipway.api.artifact.ArtifactStoreCapability;
import dev.slipway.api.artifact.ArtifactStoreFactory;

/** The contract's "declines with NOT_SUPPORTED" branches, exercised by a store that offers no optional capability. */
final class InMemoryArtifactStoreWithoutOptionalCapabilitiesTest
        extends ArtifactStoreContractTest
{
    @Override
    protected ArtifactStoreFactory factory()
    {
        return new InMemoryArtifactStoreFactory();
    }

    @Override
    protected Map<String, ?> validConfig()
    {
        return Map.of("capabilities", List.of());
    }

    @Override
    protected boolean hasCapability(ArtifactStoreCapability capability)
    {
        return false;
    }

    @Override
    protected boolean streamsContent()
    {
        return false;
    }

    @Override
    protected boolean sharesArtifactsBetweenInstances()
    {
        return false;
    }

    @Override
    protected long largeArtifactSize()
    {
        return 1024 * 1024;
    }
}
