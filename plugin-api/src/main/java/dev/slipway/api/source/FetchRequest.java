package dev.slipway.api.source;

import java.nio.file.Path;

/**
 * What {@link SourceProvider#fetch} is asked to write where. Implemented by the server; later versions may add
 * methods.
 *
 * @since 0.1
 */
public interface FetchRequest
{
    /** @return a revision this provider returned from {@link SourceProvider#resolve} @since 0.1 */
    Revision revision();

    /** @return an existing, empty directory to write the tree into @since 0.1 */
    Path target();
}
