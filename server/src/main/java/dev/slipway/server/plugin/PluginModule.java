package dev.slipway.server.plugin;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

import dev.slipway.server.http.ApiResources;

/** Binds the plugin runtime (a service that starts after the database) and its API. */
public final class PluginModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(PluginManager.class);
        ApiResources.bind(binder(), PluginResource.class);
    }
}
