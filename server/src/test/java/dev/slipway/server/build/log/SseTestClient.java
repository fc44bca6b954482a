package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a Server-Sent Events stream the way a browser's {@code EventSource} parses it (fields, comments, data lines
 * joined with {@code \n}), on a thread of its own, into a queue the test takes events from with a deadline.
 */
final class SseTestClient
        implements AutoCloseable
{
    /**
     * One dispatched event, or a comment.
     *
     * @param name the event name ({@code message} when none was given); {@code comment} for a comment line
     * @param id the id field, if the event had one
     * @param data the data lines joined with {@code \n}, or the comment text
     */
    record Event(String name, Optional<String> id, String data)
    {
    }

    private static final Event END_OF_STREAM = new Event("(end of stream)", Optional.empty(), "");

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean ended;

    private SseTestClient(HttpResponse<InputStream> response)
    {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    static SseTestClient connect(HttpClient client, HttpRequest.Builder request)
    {
        try {
            HttpResponse<InputStream> response = client.send(request.header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            return new SseTestClient(response);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<InputStream> response()
    {
        return response;
    }

    /** @return the next event or comment; fails if none comes within the timeout or the stream ended */
    Event next(Duration timeout)
            throws InterruptedException
    {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("No event within " + timeout);
        }
        if (event == END_OF_STREAM) {
            events.add(END_OF_STREAM);
            throw new AssertionError("The stream ended");
        }
        return event;
    }

    /** @return the next event that is not a comment */
    Event nextEvent(Duration timeout)
            throws InterruptedException
    {
        Event event = next(timeout);
        while (event.name().equals("comment")) {
            event = next(timeout);
        }
        return event;
    }

    /** @return the next {@code count} events that are not comments */
    List<Event> nextEvents(int count, Duration timeout)
            throws InterruptedException
    {
        List<Event> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(nextEvent(timeout));
        }
        return list;
    }

    /** @return true once the server closed the stream and every event before that was taken */
    boolean awaitEndOfStream(Duration timeout)
            throws InterruptedException
    {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        while (event != null && event.name().equals("comment")) {
            event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        requireNonNull(event, "the stream did not end within " + timeout);
        return event == END_OF_STREAM;
    }

    boolean ended()
    {
        return ended;
    }

    private void read()
    {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(name == null ? "message" : name, Optional.ofNullable(id), data.toString()));
                    }
                    name = null;
                    id = null;
                    data = null;
                    continue;
                }
                if (line.startsWith(":")) {
                    events.add(new Event("comment", Optional.empty(), line.substring(1).strip()));
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "event" -> name = value;
                    case "id" -> id = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                        // Unknown fields are ignored, as by EventSource.
                    }
                }
            }
        }
        catch (IOException e) {
            // The connection was closed by close() or the server.
        }
        finally {
            ended = true;
            events.add(END_OF_STREAM);
        }
    }

    @Override
    public void close()
    {
        try {
            response.body().close();
        }
        catch (IOException e) {
            // Closing anyway.
        }
        reader.interrupt();
    }
}
