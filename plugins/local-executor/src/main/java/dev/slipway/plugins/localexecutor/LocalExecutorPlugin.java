package dev.slipway.plugins.localexecutor;

import java.util.List;

import dev.slipway.api.SlipwayPlugin;
import dev.slipway.api.executor.ExecutorFactory;

/**
 * The bundled {@code local-executor} plugin: builds run as child processes of the server, in the build's workspace.
 */
public final class LocalExecutorPlugin
        implements SlipwayPlugin
{
    @Override
    public List<ExecutorFactory> executors()
    {
        return List.of(new LocalExecutorFactory());
    }
}
