package dev.slipway.server.cli;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Follows a build's log over {@code GET /api/v1/builds/{id}/logs/stream} (Server-Sent Events) until its {@code end}
 * event: every line exactly once and in order, also across dropped connections — after one it reconnects with
 * {@code Last-Event-ID} (the last line it got) and skips what it already has. A stream that stays silent longer than
 * the context's idle timeout (the server sends a heartbeat every 15 s) is taken for dead and reconnected. It gives up
 * when no connection has delivered anything for the context's reconnect period: a {@link CliFailure#unreachable}.
 *
 * <p>One follower per call, on the caller's thread; the HTTP client's threads only hand lines over, a bounded number
 * at a time, so a slow terminal slows the stream instead of filling memory.
 */
final class LiveLogReader
{
    private static final int BATCH = 512;
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(2);

    private final SlipwayClient client;
    private final CliContext context;

    /** Where the lines go. */
    interface Sink
    {
        /** A line of the log, without its line end, as the build printed it (ANSI codes kept). */
        void line(String text);

        /** Called when no more lines are at hand, before waiting for more: output buffered so far should show now. */
        void flush();
    }

    LiveLogReader(SlipwayClient client, CliContext context)
    {
        this.client = requireNonNull(client, "client is null");
        this.context = requireNonNull(context, "context is null");
    }

    /**
     * Sends the build's log lines from line {@code from} (0-based) to the sink until the log is complete.
     *
     * @return the number of lines the complete log has
     * @throws CliFailure the server's error (an unknown build: NOT_FOUND), or unreachable after the reconnect period
     */
    long follow(String buildId, long from, Sink sink)
    {
        long next = from;
        OptionalLong lastSeen = OptionalLong.empty();
        // System.nanoTime() of the first failure since the last connection that delivered something.
        OptionalLong failingSince = OptionalLong.empty();
        Duration retry = FIRST_RETRY;
        while (true) {
            Connection connection = new Connection(next, lastSeen, sink);
            Result result = connection.read(buildId);
            next = connection.next;
            lastSeen = connection.lastSeen;
            if (result instanceof Ended ended) {
                return ended.lines();
            }
            String reason = ((Broken) result).reason();
            if (connection.progressed) {
                failingSince = OptionalLong.empty();
                retry = FIRST_RETRY;
            }
            long now = System.nanoTime();
            long since = failingSince.orElse(now);
            failingSince = OptionalLong.of(since);
            if (now - since >= context.reconnectFor().toNanos()) {
                throw CliFailure.unreachable("the live log of build " + buildId + " from " + client.server() + " broke (" + reason + ") and "
                        + "could not be resumed at line " + next + " for " + HumanText.duration(context.reconnectFor()), null);
            }
            sink.flush();
            pause(retry);
            retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
        }
    }

    private static void pause(Duration duration)
    {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.local("Interrupted while reconnecting", e);
        }
    }

    /** How one connection ended. */
    private sealed interface Result
            permits Ended, Broken
    {
    }

    /** The {@code end} event came: the log is complete. */
    private record Ended(long lines)
            implements Result
    {
    }

    /** The stream broke before its end; reconnect. */
    private record Broken(String reason)
            implements Result
    {
    }

    /** What the HTTP client's threads hand to the reading thread. */
    private sealed interface Item
            permits Line, Closed, Failed, Refused
    {
    }

    private record Line(String text)
            implements Item
    {
    }

    /** The server ended the response. */
    private record Closed()
            implements Item
    {
    }

    private record Failed(Throwable cause)
            implements Item
    {
    }

    /** The server answered with an error instead of the stream. */
    private record Refused(HttpRequest request, int status, String body)
            implements Item
    {
    }

    /** One request of the stream, read on the caller's thread. */
    private final class Connection
            implements Flow.Subscriber<String>
    {
        private final LinkedBlockingQueue<Item> items = new LinkedBlockingQueue<>();
        private final Sink sink;
        private final SseParser parser = new SseParser();
        private volatile Flow.Subscription subscription;
        private long next;
        private OptionalLong lastSeen;
        private boolean progressed;
        private int taken;

        Connection(long next, OptionalLong lastSeen, Sink sink)
        {
            this.next = next;
            this.lastSeen = lastSeen;
            this.sink = sink;
        }

        Result read(String buildId)
        {
            URI uri = client.uri(SlipwayClient.api("builds", buildId, "logs", "stream"), Map.of("from", Long.toString(next)));
            HttpRequest.Builder builder = client.request(uri, "text/event-stream").GET();
            lastSeen.ifPresent(line -> builder.header("Last-Event-ID", Long.toString(line)));
            HttpRequest request = builder.build();
            CompletableFuture<HttpResponse<String>> response = client.http().sendAsync(request, info -> info.statusCode() == 200
                    ? HttpResponse.BodySubscribers.fromLineSubscriber(this, subscriber -> "", StandardCharsets.UTF_8, null)
                    : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8));
            response.whenComplete((answer, failure) -> {
                if (failure != null) {
                    items.add(new Failed(failure));
                }
                else if (answer.statusCode() != 200) {
                    items.add(new Refused(request, answer.statusCode(), answer.body()));
                }
            });
            try {
                return consume();
            }
            finally {
                Flow.Subscription current = subscription;
                if (current != null) {
                    current.cancel();
                }
                response.cancel(true);
            }
        }

        private Result consume()
        {
            while (true) {
                Item item = items.poll();
                if (item == null) {
                    sink.flush();
                    try {
                        item = items.poll(context.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw CliFailure.local("Interrupted while following the log", e);
                    }
                    if (item == null) {
                        return new Broken("nothing came for " + HumanText.duration(context.idleTimeout()));
                    }
                }
                if (item instanceof Refused refused) {
                    throw SlipwayClient.failure(refused.request(), refused.status(), refused.body());
                }
                if (item instanceof Failed failed) {
                    return new Broken(SlipwayClient.reason(failed.cause() instanceof CompletionException && failed.cause().getCause() != null
                            ? failed.cause().getCause() : failed.cause()));
                }
                if (item instanceof Closed) {
                    return new Broken("the server closed the stream before its end");
                }
                String text = ((Line) item).text();
                requestMore();
                if (text.startsWith(":")) {
                    // A heartbeat: the connection is alive.
                    progressed = true;
                    continue;
                }
                Optional<SseParser.Event> event = parser.line(text);
                if (event.isPresent()) {
                    Optional<Result> result = handle(event.get());
                    if (result.isPresent()) {
                        return result.get();
                    }
                }
            }
        }

        private Optional<Result> handle(SseParser.Event event)
        {
            progressed = true;
            switch (event.name()) {
                case "line" -> {
                    long number;
                    try {
                        number = Long.parseLong(event.id().orElse(""));
                    }
                    catch (NumberFormatException e) {
                        throw CliFailure.local("The log stream sent a line without a line number (id: " + event.id().orElse("none") + ")", e);
                    }
                    // After a reconnect the server starts after Last-Event-ID; a line already printed is never printed twice.
                    if (number >= next) {
                        // A carriage return inside a line comes as a second data field (the server's SseLogStream).
                        sink.line(String.join("\r", event.data()));
                        next = number + 1;
                        lastSeen = OptionalLong.of(number);
                    }
                    return Optional.empty();
                }
                case "end" -> {
                    try {
                        return Optional.of(new Ended(SlipwayClient.JSON.readTree(String.join("\n", event.data())).path("lines").asLong(next)));
                    }
                    catch (JsonProcessingException e) {
                        return Optional.of(new Ended(next));
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }

        private void requestMore()
        {
            taken++;
            if (taken == BATCH / 2) {
                taken = 0;
                Flow.Subscription current = subscription;
                if (current != null) {
                    current.request(BATCH / 2);
                }
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription newSubscription)
        {
            subscription = newSubscription;
            newSubscription.request(BATCH);
        }

        @Override
        public void onNext(String line)
        {
            items.add(new Line(line));
        }

        @Override
        public void onError(Throwable failure)
        {
            items.add(new Failed(failure));
        }

        @Override
        public void onComplete()
        {
            items.add(new Closed());
        }
    }
}
