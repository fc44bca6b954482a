package dev.slipway.server.event;

import com.google.inject.AbstractModule;

import dev.slipway.server.http.ApiResources;
import dev.slipway.server.http.HttpShutdownListener;

/** Binds the event bus (a singleton), {@code GET /api/v1/events}, and the ending of its streams when the server stops. */
public final class EventModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(EventBus.class);
        ApiResources.bind(binder(), EventsResource.class);
        HttpShutdownListener.bind(binder(), EventStreams.class);
    }
}
