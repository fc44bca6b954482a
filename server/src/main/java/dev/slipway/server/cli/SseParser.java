package dev.slipway.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a Server-Sent Events stream line by line (the lines split at CR, LF or CRLF, as the SSE specification says):
 * fields {@code event:}, {@code id:} and {@code data:} make up an event, a blank line dispatches it, lines starting
 * with {@code :} are comments (heartbeats). Not thread-safe: one reader.
 */
final class SseParser
{
    private String name = "message";
    private String id;
    private final List<String> data = new ArrayList<>();
    private boolean hasData;

    /**
     * One event.
     *
     * @param name the event's type ({@code message} when the stream gave none)
     * @param id its {@code id:}, if it had one
     * @param data its {@code data:} fields in order
     */
    record Event(String name, Optional<String> id, List<String> data)
    {
        Event
        {
            data = List.copyOf(data);
        }
    }

    /** @return the event this line completes, if it does */
    Optional<Event> line(String line)
    {
        if (line.isEmpty()) {
            Optional<Event> event = hasData ? Optional.of(new Event(name, Optional.ofNullable(id), data)) : Optional.empty();
            name = "message";
            id = null;
            data.clear();
            hasData = false;
            return event;
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> name = value.isEmpty() ? "message" : value;
            case "id" -> id = value;
            case "data" -> {
                data.add(value);
                hasData = true;
            }
            default -> {
                // The specification says to ignore other fields (retry: is for browsers).
            }
        }
        return Optional.empty();
    }
}
