package dev.slipway.api.source;

import java.io.IOException;

/**
 * Resolves a requested version of a source to an immutable {@link Revision} and writes that revision's tree into a
 * build's workspace. Thread-safe: may be called concurrently for different builds.
 *
 * @since 0.1
 */
public interface SourceProvider
        extends AutoCloseable
{
    /**
     * Turns a branch, tag, commit or other version name (or the default when none is given) into an immutable
     * revision. Called on the server when a build is started, so that a retried build gets the same tree.
     *
     * @throws dev.slipway.api.SlipwayException with {@code NOT_FOUND} if the version does not exist
     * @throws IOException if the source could not be reached
     * @since 0.1
     */
    Revision resolve(RevisionRequest request, SourceContext context)
            throws IOException, InterruptedException;

    /**
     * Writes the tree of {@code request.revision()} into {@code request.target()}, an existing empty directory.
     * Called during the build's DOWNLOAD_SOURCE phase on the build thread. On failure the target may hold a partial
     * tree; the engine discards it.
     *
     * @since 0.1
     */
    void fetch(FetchRequest request, SourceContext context)
            throws IOException, InterruptedException;

    /** Releases the provider's resources. Idempotent; never throws. @since 0.1 */
    @Override
    default void close() {}
}
