package dev.slipway.testplugins.broken;

import dev.slipway.api.PluginContext;
import dev.slipway.api.SlipwayPlugin;

/** Fails to start. */
public final class ThrowingPlugin
        implements SlipwayPlugin
{
    @Override
    public void start(PluginContext context)
    {
        throw new IllegalStateException("the license file is missing");
    }
}
