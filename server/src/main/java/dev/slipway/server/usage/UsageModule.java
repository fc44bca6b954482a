package dev.slipway.server.usage;

import com.google.inject.AbstractModule;

import dev.slipway.server.http.ApiResources;

/** Binds {@code GET /api/v1/usage}. */
public final class UsageModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        ApiResources.bind(binder(), UsageResource.class);
    }
}
