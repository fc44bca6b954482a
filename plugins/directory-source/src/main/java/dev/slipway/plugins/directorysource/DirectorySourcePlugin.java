package dev.slipway.plugins.directorysource;

import java.util.List;

import dev.slipway.api.SlipwayPlugin;
import dev.slipway.api.source.SourceProviderFactory;

/**
 * Slipway's bundled directory source (plugin id {@code directory-source}): contributes the {@code directory} source
 * provider, which builds a directory on the server's disk.
 *
 * @since 0.1
 */
public final class DirectorySourcePlugin
        implements SlipwayPlugin
{
    /** @since 0.1 */
    public DirectorySourcePlugin() {}

    @Override
    public List<SourceProviderFactory> sourceProviders()
    {
        return List.of(new DirectorySourceProviderFactory());
    }
}
