package dev.slipway.plugins.filesystemartifacts;

import java.util.List;

import dev.slipway.api.SlipwayPlugin;
import dev.slipway.api.artifact.ArtifactStoreFactory;

/**
 * Slipway's bundled filesystem artifact store (plugin id {@code filesystem-artifacts}): contributes the
 * {@code filesystem} artifact store.
 *
 * @since 0.1
 */
public final class FilesystemArtifactsPlugin
        implements SlipwayPlugin
{
    /** @since 0.1 */
    public FilesystemArtifactsPlugin() {}

    @Override
    public List<ArtifactStoreFactory> artifactStores()
    {
        return List.of(new FilesystemArtifactStoreFactory());
    }
}
