package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.glassfish.jersey.server.ChunkedOutput;

import com.google.common.io.ByteStreams;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.server.http.Answers;
import dev.slipway.server.http.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * A build's log over HTTP (contracts-service.md, "Logs"): line ranges, the tail, the whole file, and a live stream of
 * Server-Sent Events. An unknown build is 404; a known build without lines yet has an empty log. Line numbers are
 * 0-based. Parameters are read as text so that a bad one is a 400 that names it (JAX-RS would make a bad number in a
 * query a 404).
 */
@Path("v1/builds/{id}/logs")
public final class BuildLogResource
{
    static final int DEFAULT_LINES = 1_000;
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final BuildLogStore store;
    private final BuildLookup builds;
    private final LiveLogStreams streams;

    @Inject
    public BuildLogResource(BuildLogStore store, BuildLookup builds, LiveLogStreams streams)
    {
        this.store = requireNonNull(store, "store is null");
        this.builds = requireNonNull(builds, "builds is null");
        this.streams = requireNonNull(streams, "streams is null");
    }

    /**
     * {@code GET …/logs?from=N&limit=M}: up to {@code limit} lines (default 1,000, at most 10,000) from line
     * {@code from} (default 0). Fewer lines come back at the end of the log, or when they would exceed 16 MB;
     * {@code next} says where to continue.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Permission("build:GetLogs")
    public LogLinesJson lines(@PathParam("id") String buildId, @QueryParam("from") String from, @QueryParam("limit") String limit)
    {
        List<String> problems = new ArrayList<>();
        long first = number("query parameter 'from'", from, 0, 0, Long.MAX_VALUE, problems);
        int count = (int) number("query parameter 'limit'", limit, DEFAULT_LINES, 1, BuildLogStore.MAX_LINES_PER_READ, problems);
        rejectIfAny(problems);
        requireBuild(buildId);
        if (!store.exists(buildId)) {
            return new LogLinesJson(first, List.of(), first, 0, false);
        }
        return LogLinesJson.of(store.read(buildId, first, count));
    }

    /** {@code GET …/logs/tail?lines=N}: the last {@code lines} lines (default 1,000, at most 10,000). */
    @GET
    @Path("tail")
    @Produces(MediaType.APPLICATION_JSON)
    @Permission("build:GetLogs")
    public LogLinesJson tail(@PathParam("id") String buildId, @QueryParam("lines") String lines)
    {
        List<String> problems = new ArrayList<>();
        int count = (int) number("query parameter 'lines'", lines, DEFAULT_LINES, 1, BuildLogStore.MAX_LINES_PER_READ, problems);
        rejectIfAny(problems);
        requireBuild(buildId);
        if (!store.exists(buildId)) {
            return new LogLinesJson(0, List.of(), 0, 0, false);
        }
        return LogLinesJson.of(store.tail(buildId, count));
    }

    /** {@code GET …/logs/download}: the whole log as it is now, {@code text/plain}, as an attachment. */
    @GET
    @Path("download")
    @Produces("text/plain; charset=utf-8")
    @Permission("build:GetLogs")
    @Answers(status = 200, body = String.class)
    public Response download(@PathParam("id") String buildId)
            throws IOException
    {
        requireBuild(buildId);
        String disposition = "attachment; filename=\"" + fileName(buildId) + "\"";
        if (!store.exists(buildId)) {
            return Response.ok(new byte[0]).header("Content-Disposition", disposition).build();
        }
        long length = store.info(buildId).bytes();
        // The log may grow between the two calls; the length promised is what is sent.
        InputStream text = ByteStreams.limit(store.openFull(buildId), length);
        StreamingOutput body = output -> {
            try (InputStream in = text) {
                in.transferTo(output);
            }
        };
        return Response.ok(body)
                .header("Content-Disposition", disposition)
                .header("Content-Length", length)
                .build();
    }

    /**
     * {@code GET …/logs/stream?from=N}: the log as Server-Sent Events from line {@code from} (default 0), or from the
     * line after the one a {@code Last-Event-ID} header names (an {@code EventSource} reconnecting; it wins over
     * {@code from}). See {@link SseLogStream} for the events.
     *
     * <p>Suspended before the stream is set up: Jersey closes a chunked response reliably only when it is already
     * suspended, and a short complete log may end before this method would have returned.
     */
    @GET
    @Path("stream")
    @Produces(SseChunk.EVENT_STREAM)
    @Permission("build:GetLogs")
    public void stream(@PathParam("id") String buildId, @QueryParam("from") String from, @HeaderParam(LAST_EVENT_ID) String lastEventId,
            @Suspended AsyncResponse response)
    {
        List<String> problems = new ArrayList<>();
        long first = number("query parameter 'from'", from, 0, 0, Long.MAX_VALUE, problems);
        long lastSeen = number("header " + LAST_EVENT_ID, lastEventId, -1, 0, Long.MAX_VALUE - 1, problems);
        rejectIfAny(problems);
        requireBuild(buildId);
        ChunkedOutput<SseChunk> output = new ChunkedOutput<>(SseChunk.class);
        response.resume(Response.ok(output, SseChunk.EVENT_STREAM)
                .header("Cache-Control", "no-cache")
                // Tells nginx-style proxies not to buffer the stream.
                .header("X-Accel-Buffering", "no")
                .build());
        new SseLogStream(buildId, output, streams).start(store, lastSeen >= 0 ? lastSeen + 1 : first);
    }

    private void requireBuild(String buildId)
    {
        if (!builds.exists(buildId)) {
            throw new SlipwayException(ErrorCode.NOT_FOUND, "Build '" + buildId + "' does not exist");
        }
    }

    /** @return the parsed value, or {@code absent} when the parameter is not given; adds a problem if it is invalid */
    private static long number(String name, String text, long absent, long min, long max, List<String> problems)
    {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        }
        catch (NumberFormatException e) {
            // Reported below, as for a number out of range.
        }
        String range = max == Long.MAX_VALUE || max == Long.MAX_VALUE - 1 ? min + " or more" : "between " + min + " and " + max;
        problems.add(name + " must be a whole number " + range + ", was '" + text + "'");
        return absent;
    }

    private static void rejectIfAny(List<String> problems)
    {
        if (!problems.isEmpty()) {
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT, String.join("; ", problems), problems);
        }
    }

    /** A download name that any browser and file system accepts: {@code web_6f1c….log}. */
    static String fileName(String buildId)
    {
        return buildId.replaceAll("[^A-Za-z0-9._-]", "_") + ".log";
    }
}
