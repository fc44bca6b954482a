package dev.slipway.server.build.engine;

import java.util.Optional;

import dev.slipway.api.artifact.ArtifactStore;

import static java.util.Objects.requireNonNull;

/**
 * The project's cache settings.
 *
 * @param store where cache archives are kept; empty means no cache (the buildspec's {@code cache} is ignored).
 *        Fallback keys need a store that can list ({@code ArtifactStoreCapability.LIST}).
 * @param namespace entries are shared between projects with the same namespace (CodeBuild's
 *        {@code cacheNamespace}); the project's name by default
 */
public record CacheSettings(Optional<ArtifactStore> store, Optional<String> namespace)
{
    public static final CacheSettings NONE = new CacheSettings(Optional.empty(), Optional.empty());

    public CacheSettings
    {
        requireNonNull(store, "store is null");
        requireNonNull(namespace, "namespace is null");
    }
}
