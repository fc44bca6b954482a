package dev.slipway.server.event;

import static java.util.Objects.requireNonNull;

import dev.slipway.server.http.Permission;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * {@code GET /api/v1/events}: the live stream of build events as Server-Sent Events (event name = the CodeStar
 * compatible type such as {@code codebuild-project-build-state-succeeded}, data = the event's JSON), with heartbeats.
 */
@Path("v1/events")
public final class EventsResource
{
    private final EventStreams streams;

    @Inject
    public EventsResource(EventStreams streams)
    {
        this.streams = requireNonNull(streams, "streams is null");
    }

    /** Streams every event published from now on until the client disconnects or the server stops. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Permission("event:Subscribe")
    public void events(@Context SseEventSink sink, @Context Sse sse, @Context HttpServletRequest request)
    {
        streams.open(sink, sse, request.getRemoteAddr() + ":" + request.getRemotePort());
    }
}
