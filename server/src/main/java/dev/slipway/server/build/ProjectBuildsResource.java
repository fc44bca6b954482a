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

/** {@code /api/v1/projects/{name}/builds}: start a build of a project, and list its builds. */
@Path("v1/projects/{name}/builds")
@Produces(MediaType.APPLICATION_JSON)
public final class ProjectBuildsResource
{
    private final BuildService builds;

    @Inject
    public ProjectBuildsResource(BuildService builds)
    {
        this.builds = requireNonNull(builds, "builds is null");
    }

    /**
     * Starts a build: 201 with the queued build and its Location; 200 with the earlier build when the idempotency
     * token was used with the same request within 12 hours.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Permission("project:StartBuild")
    @Answers(status = 201, body = BuildJson.class, alsoWith = 200, requestBodyRequired = false)
    public Response start(@PathParam("name") String name, StartBuildRequest request, @Context SecurityContext security, @Context UriInfo uri)
    {
        BuildService.Started started = builds.start(name, request, Callers.name(security));
        if (!started.created()) {
            return Response.ok(started.build()).build();
        }
        return Response.created(uri.getBaseUriBuilder().path("v1/builds/{id}").build(started.build().id())).entity(started.build()).build();
    }

    /** Lists the project's builds, newest first. */
    @GET
    @Permission("project:ListBuildsForProject")
    public BuildListJson list(@PathParam("name") String name, @QueryParam("status") String status, @QueryParam("initiator") String initiator,
            @QueryParam("since") String since, @QueryParam("until") String until, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor)
    {
        return builds.list(Optional.of(name), status, initiator, since, until, limit, cursor);
    }
}
