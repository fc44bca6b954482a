package dev.slipway.server.event;

import com.google.inject.AbstractModule;

import dev.slipway.server.http.ApiResources;

/** Binds the event bus (a singleton, bound just in time) and {@code GET /api/v1/events}. */
public final class EventModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(EventBus.class);
        ApiResources.bind(binder(), EventsResource.class);
    }
}
