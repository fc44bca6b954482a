package dev.slipway.server.http;

import static java.util.Objects.requireNonNull;

import java.util.Set;

import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.sse.SseFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.async.AsyncContextDelegateProviderImpl;
import org.glassfish.jersey.servlet.spi.AsyncContextDelegateProvider;

import com.google.inject.Inject;
import com.google.inject.Injector;

import jakarta.inject.Singleton;

/**
 * Builds the one Jersey application that serves {@code /api/*}: the registered resource classes, the JSON provider
 * with the server's mapper, the error mappers, and the Guice bridge. Everything is registered explicitly: no
 * classpath scanning and no feature auto-discovery, which keeps startup short and the set of providers known.
 */
final class ApiApplication
{
    private final Set<Class<?>> resources;
    private final Injector injector;

    @Inject
    ApiApplication(@ApiResources.Registered Set<Class<?>> resources, Injector injector)
    {
        this.resources = Set.copyOf(requireNonNull(resources, "resources is null"));
        this.injector = requireNonNull(injector, "injector is null");
    }

    /** @return a new configuration each time: a Jersey container keeps the one it was built with for its whole life */
    ResourceConfig resourceConfig()
    {
        ResourceConfig config = new ResourceConfig();
        config.setApplicationName("slipway-api");
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        config.property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        config.property(ServerProperties.BV_FEATURE_DISABLE, true);
        config.property(ServerProperties.JSON_BINDING_FEATURE_DISABLE, true);
        config.property(ServerProperties.JSON_PROCESSING_FEATURE_DISABLE, true);
        config.property(ServerProperties.MOXY_JSON_FEATURE_DISABLE, true);
        // Jersey's own 404/405 responses would otherwise go out as empty bodies before the mappers see them.
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.register(JacksonFeature.withoutExceptionMappers());
        config.register(SseFeature.class);
        // Servlet async support (SSE, chunked output) is normally found through META-INF/services, which is disabled
        // above; without it every streaming endpoint fails with "Asynchronous processing not supported".
        config.register(new ServletAsyncBinder());
        config.register(ObjectMapperResolver.class);
        ErrorMappers.all().forEach(config::register);
        config.register(new GuiceBridgeFeature(injector));
        resources.forEach(config::register);
        return config;
    }

    /** Binds Jersey's Servlet 3 async support; a registration as a class is not found by Jersey's servlet container. */
    private static final class ServletAsyncBinder
            extends AbstractBinder
    {
        @Override
        protected void configure()
        {
            bind(AsyncContextDelegateProviderImpl.class).to(AsyncContextDelegateProvider.class).in(Singleton.class);
        }
    }
}
