package dev.slipway.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SseParserTest
{
    private final SseParser parser = new SseParser();

    private List<SseParser.Event> feed(String... lines)
    {
        List<SseParser.Event> events = new ArrayList<>();
        for (String line : lines) {
            parser.line(line).ifPresent(events::add);
        }
        return events;
    }

    @Test
    void aBlankLineDispatchesTheFieldsBeforeIt()
    {
        List<SseParser.Event> events = feed("event: line", "id: 7", "data: hello", "", "event: end", "data: {\"lines\":8}", "");

        assertThat(events).containsExactly(new SseParser.Event("line", Optional.of("7"), List.of("hello")),
                new SseParser.Event("end", Optional.empty(), List.of("{\"lines\":8}")));
    }

    @Test
    void commentsAndBlankLinesWithoutDataDispatchNothing()
    {
        assertThat(feed(": heartbeat", "", "", "id: 3", "")).isEmpty();
    }

    @Test
    void severalDataFieldsStayApartAndOnlyOneLeadingSpaceIsDropped()
    {
        List<SseParser.Event> events = feed("event: line", "id: 1", "data:10%", "data:  20%", "data: ", "");

        assertThat(events).containsExactly(new SseParser.Event("line", Optional.of("1"), List.of("10%", " 20%", "")));
    }

    @Test
    void anEventWithoutANameIsAMessageAndUnknownFieldsAreIgnored()
    {
        List<SseParser.Event> events = feed("retry: 1000", "data", "", "event: named", "data: x", "", "data: y", "");

        assertThat(events).extracting(SseParser.Event::name).containsExactly("message", "named", "message");
        assertThat(events.get(0).data()).containsExactly("");
    }
}
