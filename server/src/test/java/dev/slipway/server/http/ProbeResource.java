package dev.slipway.server.http;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.google.inject.AbstractModule;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** A resource for tests of the HTTP layer: it echoes JSON and fails in every way an endpoint can. */
@Path("v1/probe")
@Produces(MediaType.APPLICATION_JSON)
public final class ProbeResource
{
    /** Registers the probe with the API. */
    public static final class Module
            extends AbstractModule
    {
        @Override
        protected void configure()
        {
            ApiResources.bind(binder(), ProbeResource.class);
        }
    }

    @POST
    @Path("echo")
    @Consumes(MediaType.APPLICATION_JSON)
    public EchoJson echo(EchoJson body)
    {
        return body;
    }

    @GET
    @Path("values")
    public ValuesJson values()
    {
        return new ValuesJson(Instant.parse("2026-11-26T13:00:00Z"), Duration.ofSeconds(90), Optional.empty(), Optional.of("present"));
    }

    @GET
    @Path("fail/{how: [a-z-]+}")
    public EchoJson fail(@PathParam("how") String how, @QueryParam("detail") String detail)
    {
        throw switch (how) {
            case "not-found" -> new SlipwayException(ErrorCode.NOT_FOUND, "Project 'web' does not exist", List.of("projects: [api]"));
            case "invalid" -> new SlipwayException(ErrorCode.INVALID_ARGUMENT, "name: must not be empty");
            case "conflict" -> new SlipwayException(ErrorCode.CONFLICT, "already running");
            case "unsupported" -> new SlipwayException(ErrorCode.NOT_SUPPORTED, "not here");
            case "timeout" -> new SlipwayException(ErrorCode.TIMEOUT, "too slow");
            case "external" -> new SlipwayException(ErrorCode.EXTERNAL_FAILURE, "git host down");
            case "plugin" -> new SlipwayException(ErrorCode.PLUGIN_FAILURE, "plugin broke");
            case "internal" -> new SlipwayException(ErrorCode.INTERNAL, "bug");
            default -> new IllegalStateException("secret internal detail " + detail);
        };
    }

    /**
     * @param name a name
     * @param count a number
     */
    public record EchoJson(String name, int count)
    {
    }

    /**
     * @param at an instant
     * @param duration a duration
     * @param absent an empty optional
     * @param present a present optional
     */
    public record ValuesJson(Instant at, Duration duration, Optional<String> absent, Optional<String> present)
    {
    }
}
