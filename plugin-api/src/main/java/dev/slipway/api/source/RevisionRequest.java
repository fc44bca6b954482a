package dev.slipway.api.source;

import java.util.Optional;

/**
 * What {@link SourceProvider#resolve} is asked to resolve. Implemented by the server; later versions may add
 * methods.
 *
 * @since 0.1
 */
public interface RevisionRequest
{
    /** @return the requested version (branch, tag, commit, …); empty for the source's default @since 0.1 */
    Optional<String> version();
}
