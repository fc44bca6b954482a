package dev.slipway.server.event;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.server.config.EventsConfig;

/**
 * The server's internal publish/subscribe channel: features publish {@link Event}s (builds their state and phase
 * changes), other features and {@code GET /api/v1/events} subscribe.
 *
 * <p>Publishing never blocks and never fails: each subscription has a bounded buffer ({@code events.subscriber-buffer})
 * drained on a delivery thread, and a subscriber that falls that far behind is dropped, so that a slow client can never
 * slow a build. Events are not kept: a subscriber sees what is published after it subscribed.
 *
 * <p>Thread-safe.
 */
@Singleton
public final class EventBus
        implements AutoCloseable
{
    private final int bufferSize;
    private final List<EventSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery;

    @Inject
    public EventBus(EventsConfig config)
    {
        this(config.subscriberBuffer());
    }

    EventBus(int bufferSize)
    {
        this.bufferSize = bufferSize;
        AtomicInteger threads = new AtomicInteger();
        // One thread per subscription that has something to deliver at the moment; idle threads go away. A blocked
        // client holds only its own thread.
        this.delivery = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "event-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Hands the event to every subscription's buffer and returns at once. */
    public void publish(Event event)
    {
        requireNonNull(event, "event is null");
        for (EventSubscription subscription : subscriptions) {
            subscription.offer(event);
        }
    }

    /**
     * @param name who subscribes, for the log (e.g. {@code events stream from 127.0.0.1:51234})
     * @return the subscription; close it to stop receiving events
     */
    public EventSubscription subscribe(String name, EventSubscriber subscriber)
    {
        EventSubscription[] holder = new EventSubscription[1];
        EventSubscription subscription = new EventSubscription(name, subscriber, bufferSize, delivery, () -> subscriptions.remove(holder[0]));
        holder[0] = subscription;
        subscriptions.add(subscription);
        return subscription;
    }

    /** @return how many subscriptions are open */
    public int subscriberCount()
    {
        return subscriptions.size();
    }

    /** Closes every subscription and the delivery threads. */
    @Override
    public void close()
    {
        subscriptions.forEach(EventSubscription::close);
        delivery.shutdown();
    }
}
