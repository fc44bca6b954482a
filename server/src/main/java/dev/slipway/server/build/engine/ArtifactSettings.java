package dev.slipway.server.build.engine;

import java.util.Map;
import java.util.Optional;

import dev.slipway.api.artifact.ArtifactStore;

import static java.util.Objects.requireNonNull;

/**
 * The project's artifact settings: where artifacts go and, per artifact, its name and packaging.
 *
 * @param store where artifacts are stored; empty means the project has no artifacts (CodeBuild's
 *        {@code NO_ARTIFACTS}): the buildspec's {@code artifacts} are then ignored
 * @param primary the primary artifact; empty like {@code NO_ARTIFACTS} for the primary one
 * @param secondary the project's secondary artifacts by {@code artifactIdentifier}; a buildspec's
 *        {@code secondary-artifacts} must use these identifiers
 * @param keyPrefix the store key prefix when the buildspec gives no {@code s3-prefix}; the project's name by default
 */
public record ArtifactSettings(Optional<ArtifactStore> store, Optional<Target> primary, Map<String, Target> secondary, Optional<String> keyPrefix)
{
    public static final ArtifactSettings NONE = new ArtifactSettings(Optional.empty(), Optional.empty(), Map.of(), Optional.empty());

    public ArtifactSettings
    {
        requireNonNull(store, "store is null");
        requireNonNull(primary, "primary is null");
        secondary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secondary));
        requireNonNull(keyPrefix, "keyPrefix is null");
    }

    public enum Packaging
    {
        /** One ZIP file. */
        ZIP,
        /** The files as they are, under a key prefix. */
        NONE,
    }

    /**
     * @param name the artifact's name; with {@code ZIP} packaging {@code .zip} is appended unless present
     * @param overrideArtifactName if true, the buildspec's {@code name} (evaluated by the shell) replaces {@code name}
     */
    public record Target(String name, Packaging packaging, boolean overrideArtifactName)
    {
        public Target
        {
            requireNonNull(name, "name is null");
            requireNonNull(packaging, "packaging is null");
        }
    }
}
