package dev.slipway.server.health;

import com.google.inject.AbstractModule;

import dev.slipway.server.http.ApiResources;

/** Binds {@code GET /api/v1/health}. */
public final class HealthModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        ApiResources.bind(binder(), HealthResource.class);
    }
}
