package dev.slipway.testplugins.broken;

import dev.slipway.api.PluginContext;
import dev.slipway.api.SlipwayPlugin;

/** Needs {@link MissingHelper}, which its zip leaves out. */
public final class MissingClassPlugin
        implements SlipwayPlugin
{
    @Override
    public void start(PluginContext context)
    {
        new MissingHelper().help();
    }
}
