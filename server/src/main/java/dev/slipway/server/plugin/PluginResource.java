package dev.slipway.server.plugin;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.slipway.server.http.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/plugins}: list plugins, and stop, start, unload and load them at runtime (contracts.md). */
@Path("v1/plugins")
@Produces(MediaType.APPLICATION_JSON)
public final class PluginResource
{
    private final PluginManager plugins;

    @Inject
    public PluginResource(PluginManager plugins)
    {
        this.plugins = requireNonNull(plugins, "plugins is null");
    }

    /** @return every plugin in the plugins directory with its state, error and extensions */
    @GET
    @Permission("plugin:ListPlugins")
    public PluginsJson list()
    {
        return new PluginsJson(plugins.plugins());
    }

    /** @return one plugin */
    @GET
    @Path("{id}")
    @Permission("plugin:GetPlugin")
    public PluginJson get(@PathParam("id") String id)
    {
        return plugins.plugin(id);
    }

    /** Stops a started plugin. */
    @POST
    @Path("{id}/stop")
    @Permission("plugin:StopPlugin")
    public PluginJson stop(@PathParam("id") String id)
    {
        return plugins.stop(id);
    }

    /** Starts a stopped or failed plugin. */
    @POST
    @Path("{id}/start")
    @Permission("plugin:StartPlugin")
    public PluginJson start(@PathParam("id") String id)
    {
        return plugins.start(id);
    }

    /** Unloads a plugin; its zip stays and it can be loaded again. */
    @DELETE
    @Path("{id}")
    @Permission("plugin:UnloadPlugin")
    public PluginJson unload(@PathParam("id") String id)
    {
        return plugins.unload(id);
    }

    /** Loads an unloaded plugin from its zip and starts it. */
    @POST
    @Path("{id}/load")
    @Permission("plugin:LoadPlugin")
    public PluginJson load(@PathParam("id") String id)
    {
        return plugins.load(id);
    }

    /**
     * The answer of {@code GET /api/v1/plugins}.
     *
     * @param plugins every plugin, by id
     */
    public record PluginsJson(List<PluginJson> plugins)
    {
        public PluginsJson
        {
            plugins = List.copyOf(plugins);
        }
    }
}
