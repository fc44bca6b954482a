package dev.slipway.server.buildspec;

import dev.slipway.server.http.Permission;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/buildspec/schema.json}: the JSON Schema of buildspec files, for editors and tools (point the VS Code
 * YAML extension's {@code yaml.schemas} at it). Served as {@code application/schema+json}, or as
 * {@code application/json} to a client that asks only for that.
 */
@Path("v1/buildspec/schema.json")
@Singleton
public final class BuildspecSchemaResource
{
    private final BuildspecSchema schema = new BuildspecSchema();

    /** @return the buildspec JSON Schema (draft-07) */
    @GET
    @Produces({BuildspecSchema.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Permission("server:GetBuildspecSchema")
    public byte[] schema()
    {
        return schema.bytes();
    }
}
