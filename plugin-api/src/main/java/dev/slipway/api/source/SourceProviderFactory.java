package dev.slipway.api.source;

import dev.slipway.api.ExtensionFactory;

/**
 * Describes and creates {@link SourceProvider}s: where a build's input comes from (a git repository, an archive,
 * a directory on the server).
 *
 * @since 0.1
 */
public interface SourceProviderFactory
        extends ExtensionFactory<SourceProvider>
{
}
