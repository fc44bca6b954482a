package dev.slipway.server.build.log;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;

import dev.slipway.server.config.LogsConfig;
import dev.slipway.server.config.SlipwayConfig;
import dev.slipway.server.http.ApiResources;
import dev.slipway.server.http.HttpShutdownListener;

/**
 * Binds the build log store ({@code <data>/logs}), its REST endpoints under {@code /api/v1/builds/{id}/logs}, and a
 * default {@link BuildLookup} that the build service replaces. Install it before the modules that write logs, so that
 * the store stops after them.
 */
public final class BuildLogModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(BuildLogStore.class).to(FileBuildLogStore.class);
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(BuildLogLifecycle.class);
        OptionalBinder.newOptionalBinder(binder(), BuildLookup.class).setDefault().to(LogBuildLookup.class);
        ApiResources.bind(binder(), BuildLogResource.class);
        HttpShutdownListener.bind(binder(), LiveLogStreams.class);
    }

    @Provides
    @Singleton
    FileBuildLogStore store(SlipwayConfig config, LogsConfig logs)
    {
        return new FileBuildLogStore(config.dataDirectory().resolve("logs"), logs.flushInterval(), logs.heartbeatInterval());
    }
}
