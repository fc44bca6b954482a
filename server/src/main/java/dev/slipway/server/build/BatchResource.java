package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

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
import jakarta.ws.rs.core.SecurityContext;

/** {@code /api/v1/build-batches}: list, read, stop and retry batch builds. Batch ids are {@code <project>:<uuid>}. */
@Path("v1/build-batches")
@Produces(MediaType.APPLICATION_JSON)
public final class BatchResource
{
    private final BatchService batches;

    @Inject
    public BatchResource(BatchService batches)
    {
        this.batches = requireNonNull(batches, "batches is null");
    }

    /** Lists batch builds of every project (or of {@code project}), newest first. */
    @GET
    @Permission("build:ListBuildBatches")
    public BatchListJson list(@QueryParam("project") String project, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor)
    {
        return batches.list(Optional.ofNullable(project).filter(name -> !name.isBlank()), limit, cursor);
    }

    @GET
    @Path("{id}")
    @Permission("build:BatchGetBuildBatches")
    public BatchJson get(@PathParam("id") String id)
    {
        return batches.get(id);
    }

    /** Stops a running batch and its running builds; 409 if it has ended. */
    @POST
    @Path("{id}/stop")
    @Permission("build:StopBuildBatch")
    public BatchJson stop(@PathParam("id") String id, @Context SecurityContext security)
    {
        return batches.stop(id, Callers.name(security));
    }

    /**
     * Runs an ended batch again as the same batch: {@code retryType} RETRY_ALL_BUILDS (the default) or
     * RETRY_FAILED_BUILDS; 409 while it runs.
     */
    @POST
    @Path("{id}/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @Permission("build:RetryBuildBatch")
    public BatchJson retry(@PathParam("id") String id, StartBatchRequest.Retry request, @Context SecurityContext security)
    {
        return batches.retry(id, request == null ? null : request.retryType(), Callers.name(security));
    }
}
