package dev.slipway.server.http;

import static java.util.Objects.requireNonNull;

import java.util.Map;

import org.glassfish.jersey.server.ExtendedResourceContext;

import dev.slipway.server.config.SlipwayVersion;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/openapi.json}: an OpenAPI 3 document of every endpoint, derived from Jersey's resource model on the
 * first request (not at startup) and then kept.
 */
@Path("v1/openapi.json")
@Singleton
public final class OpenApiResource
{
    private final SlipwayVersion version;
    private volatile Map<String, Object> document;

    @Inject
    public OpenApiResource(SlipwayVersion version)
    {
        this.version = requireNonNull(version, "version is null");
    }

    /** @return the OpenAPI document of this server's API */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Permission("server:GetApiDocument")
    public Map<String, Object> openApi(@Context ExtendedResourceContext context)
    {
        Map<String, Object> known = document;
        if (known == null) {
            known = new OpenApiGenerator(version.server()).generate(context.getResourceModel());
            document = known;
        }
        return known;
    }
}
