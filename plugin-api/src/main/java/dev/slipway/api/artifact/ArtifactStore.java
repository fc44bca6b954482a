package dev.slipway.api.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;

/**
 * Keeps artifacts (zipped build outputs, cache archives, pipeline artifacts) by key. Thread-safe: called
 * concurrently from build threads and request threads.
 *
 * <p>Every capability is assumed unless a store says otherwise: optional operations are listed in
 * {@link #capabilities()}, and a store that does not list one declines it with {@link ErrorCode#NOT_SUPPORTED}.
 *
 * @since 0.1
 */
public interface ArtifactStore
        extends AutoCloseable
{
    /** @return the optional operations this store supports @since 0.1 */
    Set<ArtifactStoreCapability> capabilities();

    /**
     * Stores {@code content} (read to its end, not closed) under {@code key}. Atomic: a reader sees either the old
     * artifact under the key or the complete new one, never a partial one, also if the server dies half-way. An
     * existing artifact under the same key is replaced. The returned reference carries the size and SHA-256 of
     * what was stored.
     *
     * @throws IOException if the content could not be read or stored; nothing is left under the key that was not
     *         there before
     * @since 0.1
     */
    ArtifactRef put(ArtifactKey key, InputStream content, ArtifactMetadata metadata)
            throws IOException;

    /** @return the artifact stored under {@code key}, or empty if there is none @since 0.1 */
    Optional<ArtifactRef> find(ArtifactKey key)
            throws IOException;

    /**
     * Opens an artifact's content for reading; the caller closes the stream.
     *
     * @throws SlipwayException with {@link ErrorCode#NOT_FOUND} if there is no artifact under {@code key}
     * @since 0.1
     */
    InputStream open(ArtifactKey key)
            throws IOException;

    /**
     * The artifacts whose keys start with {@code prefix} (plain string prefix, not a glob), sorted by key.
     * Requires {@link ArtifactStoreCapability#LIST}.
     *
     * @since 0.1
     */
    default List<ArtifactRef> list(String prefix)
            throws IOException
    {
        throw new SlipwayException(ErrorCode.NOT_SUPPORTED, "This artifact store does not support listing artifacts");
    }

    /**
     * Removes the artifact under {@code key}; returns false if there was none. Requires
     * {@link ArtifactStoreCapability#DELETE}.
     *
     * @since 0.1
     */
    default boolean delete(ArtifactKey key)
            throws IOException
    {
        throw new SlipwayException(ErrorCode.NOT_SUPPORTED, "This artifact store does not support deleting artifacts");
    }

    /** Releases the store's resources. Idempotent; never throws. @since 0.1 */
    @Override
    default void close() {}
}
