package dev.slipway.server.usage;

import static java.util.Objects.requireNonNull;

import dev.slipway.server.http.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/usage?since=&until=&project=}: build minutes per project, per day and in total. */
@Path("v1/usage")
@Produces(MediaType.APPLICATION_JSON)
public final class UsageResource
{
    private final UsageService usage;

    @Inject
    public UsageResource(UsageService usage)
    {
        this.usage = requireNonNull(usage, "usage is null");
    }

    @GET
    @Permission("usage:GetUsage")
    public UsageJson usage(@QueryParam("since") String since, @QueryParam("until") String until, @QueryParam("project") String project)
    {
        return usage.usage(since, until, project);
    }
}
