package dev.slipway.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives Jersey's Jackson provider the server's mapper. Registered as a class, not as an instance or a lambda: Jersey
 * ignores a lambda (it cannot see the generic type) and keeps registered instances for the application's life. Each
 * Jersey application gets its own copy, so that Jackson's caches die with the application.
 */
@Provider
public final class ObjectMapperResolver
        implements ContextResolver<ObjectMapper>
{
    private final ObjectMapper mapper;

    @Inject
    public ObjectMapperResolver(ObjectMapper mapper)
    {
        this.mapper = requireNonNull(mapper, "mapper is null").copy();
    }

    @Override
    public ObjectMapper getContext(Class<?> type)
    {
        return mapper;
    }
}
