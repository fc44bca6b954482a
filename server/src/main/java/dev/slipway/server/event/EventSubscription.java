package dev.slipway.server.event;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's place on the {@link EventBus}: a bounded buffer of events waiting for it, drained on a delivery
 * thread. Thread-safe. {@link #close()} is idempotent.
 */
public final class EventSubscription
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(EventSubscription.class);

    private final String name;
    private final EventSubscriber subscriber;
    private final int capacity;
    private final Executor delivery;
    private final Runnable onClose;
    private final ArrayDeque<Event> buffer = new ArrayDeque<>();
    private boolean heartbeatWanted;
    private boolean draining;
    private String closedBecause;
    private boolean closedDelivered;

    EventSubscription(String name, EventSubscriber subscriber, int capacity, Executor delivery, Runnable onClose)
    {
        this.name = requireNonNull(name, "name is null");
        this.subscriber = requireNonNull(subscriber, "subscriber is null");
        this.capacity = capacity;
        this.delivery = requireNonNull(delivery, "delivery is null");
        this.onClose = requireNonNull(onClose, "onClose is null");
    }

    /** Adds an event to the buffer, or drops the subscription if the buffer is full. Never blocks on the subscriber. */
    void offer(Event event)
    {
        boolean dropped = false;
        synchronized (this) {
            if (closedBecause != null) {
                return;
            }
            if (buffer.size() >= capacity) {
                end("it fell " + capacity + " events behind");
                dropped = true;
            }
            else {
                buffer.addLast(event);
            }
        }
        if (dropped) {
            log.info("Dropping event subscriber {}: it fell {} events behind", name, capacity);
            // Off the bus at once; the subscriber hears of it when its delivery thread is free again.
            onClose.run();
        }
        scheduleDrain();
    }

    /** Asks for a heartbeat call on the delivery thread (coalesced: at most one waits). */
    public void heartbeat()
    {
        synchronized (this) {
            if (closedBecause != null) {
                return;
            }
            heartbeatWanted = true;
        }
        scheduleDrain();
    }

    /** @return true once the subscription has ended, for whatever reason */
    public synchronized boolean isClosed()
    {
        return closedBecause != null;
    }

    /** Ends the subscription; events still buffered are not delivered. The subscriber's {@code closed} follows on its delivery thread. */
    @Override
    public void close()
    {
        synchronized (this) {
            if (closedBecause != null) {
                return;
            }
            end("closed");
        }
        onClose.run();
        scheduleDrain();
    }

    /** Must hold the lock. */
    private void end(String reason)
    {
        closedBecause = reason;
        buffer.clear();
        heartbeatWanted = false;
    }

    private void scheduleDrain()
    {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            delivery.execute(this::drain);
        }
        catch (RuntimeException e) {
            // The bus is shutting down; nobody will drain any more.
            synchronized (this) {
                draining = false;
                if (closedBecause == null) {
                    end("the server is stopping");
                }
            }
            finish("the server is stopping");
        }
    }

    private void drain()
    {
        while (true) {
            Event event;
            boolean beat;
            String ended;
            synchronized (this) {
                ended = closedBecause;
                event = ended == null ? buffer.pollFirst() : null;
                beat = ended == null && event == null && heartbeatWanted;
                heartbeatWanted = false;
                if (ended == null && event == null && !beat) {
                    draining = false;
                    return;
                }
            }
            if (ended != null) {
                synchronized (this) {
                    draining = false;
                }
                finish(ended);
                return;
            }
            try {
                if (event != null) {
                    subscriber.deliver(event);
                }
                else {
                    subscriber.heartbeat();
                }
            }
            catch (Exception | LinkageError e) {
                log.debug("Event subscriber {} failed; ending it", name, e);
                synchronized (this) {
                    if (closedBecause == null) {
                        end("delivery failed: " + e);
                    }
                }
            }
        }
    }

    private void finish(String reason)
    {
        synchronized (this) {
            if (closedDelivered) {
                return;
            }
            closedDelivered = true;
        }
        onClose.run();
        try {
            subscriber.closed(reason);
        }
        catch (RuntimeException e) {
            log.warn("Event subscriber {} failed while closing", name, e);
        }
    }

    @Override
    public String toString()
    {
        return "event subscription " + name;
    }
}
