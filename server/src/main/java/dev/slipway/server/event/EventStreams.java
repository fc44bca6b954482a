package dev.slipway.server.event;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.server.config.EventsConfig;
import dev.slipway.server.http.HttpShutdownListener;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * The open {@code GET /api/v1/events} streams: each is an {@link EventBus} subscription that writes Server-Sent Events
 * (event name = the event type, {@code id} = a per-stream sequence number, data = the event as JSON), with a comment
 * line as heartbeat every {@code events.heartbeat-interval}. A stream that falls behind is dropped by the bus (the
 * client reconnects); all streams are closed as soon as the HTTP server begins to stop ({@link HttpShutdownListener}),
 * so that an open console never holds up a shutdown.
 *
 * <p>Thread-safe.
 */
@Singleton
public final class EventStreams
        implements HttpShutdownListener
{
    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

    private final EventBus bus;
    private final ObjectMapper mapper;
    private final Set<EventSubscription> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats;
    private volatile boolean stopping;

    @Inject
    public EventStreams(EventBus bus, ObjectMapper mapper, EventsConfig config)
    {
        this.bus = requireNonNull(bus, "bus is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "event-stream-heartbeats");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.heartbeatInterval().toMillis();
        timer.scheduleAtFixedRate(() -> open.forEach(EventSubscription::heartbeat), interval, interval, TimeUnit.MILLISECONDS);
        this.heartbeats = timer;
    }

    /** Starts streaming events into {@code sink}; returns at once (the stream stays open until the client or the server ends it). */
    public void open(SseEventSink sink, Sse sse, String client)
    {
        if (stopping) {
            closeQuietly(sink, client);
            return;
        }
        AtomicLong sequence = new AtomicLong();
        EventSubscription subscription = bus.subscribe("events stream for " + client, new EventSubscriber()
        {
            @Override
            public void deliver(Event event)
                    throws Exception
            {
                OutboundSseEvent outbound = sse.newEventBuilder()
                        .name(event.type())
                        .id(Long.toString(sequence.incrementAndGet()))
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(String.class, mapper.writeValueAsString(event))
                        .build();
                sink.send(outbound).toCompletableFuture().join();
            }

            @Override
            public void heartbeat()
            {
                sink.send(sse.newEventBuilder().comment("heartbeat").build()).toCompletableFuture().join();
            }

            @Override
            public void closed(String reason)
            {
                log.debug("Events stream for {} ended: {}", client, reason);
                closeQuietly(sink, client);
            }
        });
        open.add(subscription);
        // Commits the response headers at once, so that a client knows the stream is open before the first event.
        subscription.heartbeat();
        if (stopping) {
            subscription.close();
        }
        cleanUp();
    }

    private static void closeQuietly(SseEventSink sink, String client)
    {
        try {
            sink.close();
        }
        catch (IOException | RuntimeException e) {
            log.debug("Closing the events stream for {} failed", client, e);
        }
    }

    /** @return how many streams are open */
    public int openStreams()
    {
        cleanUp();
        return open.size();
    }

    private void cleanUp()
    {
        open.removeIf(EventSubscription::isClosed);
    }

    /** The HTTP server begins to stop: every stream ends now, and new ones are refused. */
    @Override
    public void httpServerStopping()
    {
        stopping = true;
        open.forEach(EventSubscription::close);
        open.clear();
        heartbeats.shutdownNow();
    }
}
