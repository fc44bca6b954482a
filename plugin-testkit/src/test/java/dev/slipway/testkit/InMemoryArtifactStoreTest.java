package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;
import dev.slipway.api.artifact.ArtifactStoreFactory;

final class InMemoryArtifactStoreTest
        extends ArtifactStoreContractTest
{
    @Override
    protected ArtifactStoreFactory factory()
    {
        return new InMemoryArtifactStoreFactory();
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

    @Test
    void defaultsOfferEveryCapability()
    {
        ConfigAssertions.assertDefaults(factory(), Map.of("capabilities", List.of("LIST", "DELETE")));
    }

    @Test
    void unknownCapabilitiesAreRejected()
    {
        ConfigAssertions.assertSchemaRejects(factory(), Map.of("capabilities", List.of("LIST", "PRESIGN")), "capabilities", "unknown capability 'PRESIGN'");
    }

    @Test
    void failNextPutFailsOnlyTheNextPutAndStoresNothing()
            throws IOException
    {
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        ArtifactKey key = ArtifactKey.of("a");
        store.failNextPut(new IOException("disk full"));

        assertThatThrownBy(() -> store.put(key, new ByteArrayInputStream(new byte[] {1}), ArtifactMetadata.empty())).hasMessage("disk full");
        assertThat(store.keys()).isEmpty();
        store.put(key, new ByteArrayInputStream(new byte[] {2}), ArtifactMetadata.empty());
        assertThat(store.content(key)).hasValueSatisfying(content -> assertThat(content).containsExactly(2));
    }

    @Test
    void aClosedStoreRefusesToWork()
    {
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        store.close();

        assertThat(store.isClosed()).isTrue();
        assertThatThrownBy(() -> store.find(ArtifactKey.of("a"))).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void factoryKeepsTheStoresItCreated()
    {
        InMemoryArtifactStoreFactory factory = new InMemoryArtifactStoreFactory();
        try (TestingExtensionContext context = TestingExtensionContext.create()) {
            factory.create(factory.configSchema().bind(Map.of("capabilities", List.of("list"))), context);

            assertThat(factory.createdStores()).singleElement()
                    .satisfies(store -> assertThat(store.capabilities()).containsExactly(dev.slipway.api.artifact.ArtifactStoreCapability.LIST));
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
