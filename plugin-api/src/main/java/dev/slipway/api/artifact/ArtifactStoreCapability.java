package dev.slipway.api.artifact;

/**
 * Optional operations an {@link ArtifactStore} may offer. Stores list the ones they support in
 * {@link ArtifactStore#capabilities()}; the others decline with {@code NOT_SUPPORTED}.
 *
 * @since 0.1
 */
public enum ArtifactStoreCapability
{
    /** {@link ArtifactStore#list(String)}; caches with fallback keys need it. @since 0.1 */
    LIST,
    /** {@link ArtifactStore#delete(ArtifactKey)}; retention needs it. @since 0.1 */
    DELETE,
}
