package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import dev.slipway.server.http.Answers;
import dev.slipway.server.http.Permission;
import jakarta.inject.Inject;
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

/** {@code /api/v1/builds}: list, read, stop and retry builds. Build ids are {@code <project>:<uuid>}. */
@Path("v1/builds")
@Produces(MediaType.APPLICATION_JSON)
public final class BuildResource
{
    private final BuildService builds;

    @Inject
    public BuildResource(BuildService builds)
    {
        this.builds = requireNonNull(builds, "builds is null");
    }

    /** Lists builds of every project (or of {@code project}), newest first. */
    @GET
    @Permission("build:ListBuilds")
    public BuildListJson list(@QueryParam("project") String project, @QueryParam("status") String status, @QueryParam("initiator") String initiator,
            @QueryParam("since") String since, @QueryParam("until") String until, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor)
    {
        return builds.list(Optional.ofNullable(project).filter(name -> !name.isBlank()), status, initiator, since, until, limit, cursor);
    }

    @GET
    @Path("{id}")
    @Permission("build:GetBuild")
    public BuildJson get(@PathParam("id") String id)
    {
        return builds.get(id);
    }

    /** Stops a queued or running build; 409 if it has ended. */
    @POST
    @Path("{id}/stop")
    @Permission("build:StopBuild")
    public BuildJson stop(@PathParam("id") String id, @Context SecurityContext security)
    {
        return builds.stop(id, Callers.name(security));
    }

    /** Starts a new build like an ended one: 201 with the new build, which records {@code retryOf}; 409 if it still runs. */
    @POST
    @Path("{id}/retry")
    @Permission("build:RetryBuild")
    @Answers(status = 201, body = BuildJson.class)
    public Response retry(@PathParam("id") String id, @Context SecurityContext security, @Context UriInfo uri)
    {
        BuildJson build = builds.retry(id, Callers.name(security));
        return Response.created(uri.getBaseUriBuilder().path("v1/builds/{id}").build(build.id())).entity(build).build();
    }
}
