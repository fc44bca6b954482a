package dev.slipway.api.source;

import dev.slipway.api.executor.LogSink;

/**
 * The build a source call is made for. Implemented by the server; later versions may add methods.
 *
 * @since 0.1
 */
public interface SourceContext
{
    /** @return the project's name @since 0.1 */
    String projectName();

    /** @return where messages for the build's log go (e.g. "Fetching 1b2c3d…"); discards when not in a build @since 0.1 */
    LogSink log();
}
