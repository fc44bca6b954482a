package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import dev.slipway.server.http.Answers;
import dev.slipway.server.http.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/v1/projects/{name}/build-batches}: start a batch build of a project, and list its batches. */
@Path("v1/projects/{name}/build-batches")
@Produces(MediaType.APPLICATION_JSON)
public final class ProjectBatchesResource
{
    private final BatchService batches;

    @Inject
    public ProjectBatchesResource(BatchService batches)
    {
        this.batches = requireNonNull(batches, "batches is null");
    }

    /** Starts a batch build (the buildspec's {@code batch} section): 201 with the batch and its Location. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Permission("project:StartBuildBatch")
    @Answers(status = 201, body = BatchJson.class, requestBodyRequired = false)
    public Response start(@PathParam("name") String name, StartBatchRequest request, @Context SecurityContext security, @Context UriInfo uri)
    {
        BatchJson batch = batches.start(name, request, Callers.name(security));
        return Response.created(uri.getBaseUriBuilder().path("v1/build-batches/{id}").build(batch.id())).entity(batch).build();
    }

    /** Lists the project's batch builds, newest first. */
    @GET
    @Permission("project:ListBuildBatchesForProject")
    public BatchListJson list(@PathParam("name") String name, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor)
    {
        return batches.list(Optional.of(name), limit, cursor);
    }
}
