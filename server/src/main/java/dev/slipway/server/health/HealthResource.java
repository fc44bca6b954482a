package dev.slipway.server.health;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

import dev.slipway.server.config.RuntimeInfo;
import dev.slipway.server.db.Database;
import dev.slipway.server.http.Permission;
import dev.slipway.server.plugin.PluginManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/v1/health}: 200 with status UP when the database answers, 503 with the same body and status DOWN
 * when it does not. Cheap enough for a load balancer to poll: one pooled connection check and a snapshot of the
 * plugin states.
 */
@Path("v1/health")
public final class HealthResource
{
    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(2);

    private final Database database;
    private final PluginManager plugins;
    private final RuntimeInfo runtime;

    @Inject
    public HealthResource(Database database, PluginManager plugins, RuntimeInfo runtime)
    {
        this.database = requireNonNull(database, "database is null");
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
    }

    /** @return the server's health; DOWN comes with status 503 */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Permission("server:GetHealth")
    public HealthJson health()
    {
        boolean up = database.isAvailable(DATABASE_TIMEOUT);
        Database.DatabaseProduct product = database.product();
        String status = up ? "UP" : "DOWN";
        HealthJson health = new HealthJson(status, runtime.version().server(), runtime.startedAt(),
                Duration.between(runtime.startedAt(), Instant.now()).toSeconds(),
                new HealthJson.DatabaseJson(status, product.name(), product.version()),
                plugins.counts());
        if (!up) {
            throw new WebApplicationException(Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE).entity(health).build());
        }
        return health;
    }
}
