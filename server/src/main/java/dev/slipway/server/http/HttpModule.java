package dev.slipway.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;

/**
 * Binds the HTTP server as a service, the API's JSON mapper, and the resources of the HTTP layer itself (the OpenAPI
 * document). Install it after every module whose services the API needs, because services start in binding order.
 */
public final class HttpModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        // Declared even when no feature registers a resource.
        ApiResources.multibinder(binder());
        HttpShutdownListener.multibinder(binder());
        ApiResources.bind(binder(), OpenApiResource.class);
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(HttpServer.class);
    }

    @Provides
    @Singleton
    ObjectMapper objectMapper()
    {
        return JsonMappers.api();
    }
}
