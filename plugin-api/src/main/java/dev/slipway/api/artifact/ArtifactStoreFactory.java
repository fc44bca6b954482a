package dev.slipway.api.artifact;

import dev.slipway.api.ExtensionFactory;

/**
 * Describes and creates {@link ArtifactStore}s: where build artifacts and caches are kept (a filesystem, an S3
 * bucket, …).
 *
 * @since 0.1
 */
public interface ArtifactStoreFactory
        extends ExtensionFactory<ArtifactStore>
{
}
