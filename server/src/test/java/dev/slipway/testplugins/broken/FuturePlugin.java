package dev.slipway.testplugins.broken;

import dev.slipway.api.PluginContext;
import dev.slipway.api.SlipwayPlugin;

/** Packaged with a Plugin-Requires this server does not satisfy; must never start. */
public final class FuturePlugin
        implements SlipwayPlugin
{
    @Override
    public void start(PluginContext context)
    {
        throw new AssertionError("a plugin for another API version was started");
    }
}
