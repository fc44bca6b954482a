package dev.slipway.server.build.engine;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One artifact the build stored.
 *
 * @param identifier empty for the primary artifact, the {@code secondary-artifacts} identifier otherwise
 * @param name the artifact's name (evaluated {@code artifacts.name} or the project's)
 * @param key the store key: the ZIP's key, or the key prefix (ending in {@code /}) of a directory artifact
 * @param location where the store keeps it (the ZIP's location, or the first file's for a directory)
 * @param size bytes stored (the ZIP's size, or the sum of the files' sizes)
 * @param fileCount the number of files (and links) in the artifact
 * @param sha256 the ZIP's SHA-256; empty for a directory artifact
 */
public record ArtifactOutcome(
        Optional<String> identifier,
        String name,
        ArtifactSettings.Packaging packaging,
        String key,
        String location,
        long size,
        int fileCount,
        Optional<String> sha256)
{
    public ArtifactOutcome
    {
        requireNonNull(identifier, "identifier is null");
        requireNonNull(name, "name is null");
        requireNonNull(packaging, "packaging is null");
        requireNonNull(key, "key is null");
        requireNonNull(location, "location is null");
        requireNonNull(sha256, "sha256 is null");
    }
}
