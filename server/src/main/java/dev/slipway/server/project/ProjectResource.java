package dev.slipway.server.project;

import static java.util.Objects.requireNonNull;

import dev.slipway.server.http.Answers;
import dev.slipway.server.http.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /api/v1/projects}: create, list, read, update and delete build projects (contracts-service.md).
 */
@Path("v1/projects")
@Produces(MediaType.APPLICATION_JSON)
public final class ProjectResource
{
    private final ProjectService projects;

    @Inject
    public ProjectResource(ProjectService projects)
    {
        this.projects = requireNonNull(projects, "projects is null");
    }

    /** Creates a project: 201 with the project and its Location. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Permission("project:CreateProject")
    @Answers(status = 201, body = ProjectJson.class)
    public Response create(ProjectJson project, @Context UriInfo uri)
    {
        ProjectJson created = projects.create(project);
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    /** Lists projects by name, a page at a time. */
    @GET
    @Permission("project:ListProjects")
    public ProjectListJson list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor)
    {
        return projects.list(limit, cursor);
    }

    @GET
    @Path("{name}")
    @Permission("project:GetProject")
    public ProjectJson get(@PathParam("name") String name)
    {
        return projects.get(name);
    }

    /** Replaces every setting of a project; a stale {@code version} is a 409. */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Permission("project:UpdateProject")
    public ProjectJson update(@PathParam("name") String name, ProjectJson project)
    {
        return projects.update(name, project);
    }

    /** Deletes a project with its finished builds; 409 while it has queued or running builds. */
    @DELETE
    @Path("{name}")
    @Permission("project:DeleteProject")
    public void delete(@PathParam("name") String name)
    {
        projects.delete(name);
    }
}
