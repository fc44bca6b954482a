package dev.slipway.server.testing;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Reads a Server-Sent Events stream in the background and collects its events (name, id, data) for assertions; closing
 * it cancels the stream.
 */
public final class SseCollector
        implements AutoCloseable
{
    /** One event of the stream; {@code name} is "message" when the stream gave none. */
    public record SseEvent(String name, String id, String data)
    {
    }

    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final CompletableFuture<HttpResponse<Void>> response;

    private SseCollector(URI uri)
    {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Lines()));
    }

    /** Opens the stream and waits until the server has answered with its headers. */
    public static SseCollector open(URI uri)
    {
        SseCollector collector = new SseCollector(uri);
        await("the event stream " + uri + " opens").atMost(Duration.ofSeconds(30)).until(() -> collector.response.isDone() || !collector.comments.isEmpty());
        return collector;
    }

    public List<SseEvent> events()
    {
        return List.copyOf(events);
    }

    public List<String> comments()
    {
        return List.copyOf(comments);
    }

    /** Waits for an event that matches; returns it. */
    public SseEvent awaitEvent(Predicate<SseEvent> matcher, String description)
    {
        AtomicReference<SseEvent> found = new AtomicReference<>();
        await(description).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
            for (SseEvent event : events) {
                if (matcher.test(event)) {
                    found.set(event);
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    /** @return true once the server ended the stream */
    public boolean isEnded()
    {
        return response.isDone();
    }

    @Override
    public void close()
    {
        Flow.Subscription current = subscription.get();
        if (current != null) {
            current.cancel();
        }
    }

    private final class Lines
            implements Flow.Subscriber<String>
    {
        private String name = "message";
        private String id;
        private final List<String> data = new ArrayList<>();

        @Override
        public void onSubscribe(Flow.Subscription subscription)
        {
            SseCollector.this.subscription.set(subscription);
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line)
        {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.add(new SseEvent(name, id, String.join("\n", data)));
                }
                name = "message";
                id = null;
                data.clear();
            }
            else if (line.startsWith(":")) {
                comments.add(line.substring(1).trim());
            }
            else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            }
            else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            }
            else if (line.startsWith("data:")) {
                data.add(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
            }
        }

        @Override
        public void onError(Throwable throwable)
        {
        }

        @Override
        public void onComplete()
        {
        }
    }
}
