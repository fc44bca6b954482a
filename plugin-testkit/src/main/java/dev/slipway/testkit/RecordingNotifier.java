package dev.slipway.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import dev.slipway.api.notification.EventType;
import dev.slipway.api.notification.NotificationEvent;
import dev.slipway.api.notification.Notifier;

/**
 * A {@link Notifier} that records the events it is given, for tests of code that sends notifications. Thread-safe:
 * the server may call {@link #notify} concurrently while the test waits with {@link #awaitEvents}.
 *
 * <p>{@link #failNextDeliveries(int)} makes the next calls throw an {@link IOException} (and record nothing), to test
 * retries. A call after {@link #close()} throws {@link IllegalStateException}, so that a caller that uses a closed
 * notifier is caught.
 *
 * @since 0.1
 */
public final class RecordingNotifier
        implements Notifier
{
    private final Set<EventType> interestedIn;
    private final Object lock = new Object();
    private final List<NotificationEvent> events = new ArrayList<>();
    private int failuresLeft;
    private int failedDeliveries;
    private boolean closed;

    /** @param interestedIn what {@link #interestedIn()} answers @since 0.1 */
    public RecordingNotifier(Set<EventType> interestedIn)
    {
        this.interestedIn = Set.copyOf(Objects.requireNonNull(interestedIn, "interestedIn is null"));
    }

    /** @since 0.1 */
    public static RecordingNotifier interestedIn(EventType... types)
    {
        return new RecordingNotifier(Set.of(types));
    }

    @Override
    public Set<EventType> interestedIn()
    {
        return interestedIn;
    }

    @Override
    public void notify(NotificationEvent event)
            throws IOException
    {
        Objects.requireNonNull(event, "event is null");
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("RecordingNotifier was used after close(): " + event);
            }
            if (failuresLeft > 0) {
                failuresLeft--;
                failedDeliveries++;
                throw new IOException("RecordingNotifier: scripted delivery failure for " + event.type() + " " + event.id());
            }
            events.add(event);
            lock.notifyAll();
        }
    }

    /** The next {@code count} calls of {@link #notify} throw an {@link IOException}. @since 0.1 */
    public void failNextDeliveries(int count)
    {
        if (count < 0) {
            throw new IllegalArgumentException("count is negative: " + count);
        }
        synchronized (lock) {
            failuresLeft = count;
        }
    }

    /** @return how many calls failed because of {@link #failNextDeliveries} @since 0.1 */
    public int failedDeliveries()
    {
        synchronized (lock) {
            return failedDeliveries;
        }
    }

    /** @return the events delivered so far, in order @since 0.1 */
    public List<NotificationEvent> events()
    {
        synchronized (lock) {
            return List.copyOf(events);
        }
    }

    /** @return the events of {@code type} delivered so far @since 0.1 */
    public List<NotificationEvent> events(EventType type)
    {
        return events().stream().filter(event -> event.type().equals(type)).toList();
    }

    /**
     * Waits until at least {@code count} events have been delivered.
     *
     * @return the first {@code count} events
     * @throws AssertionError if they do not arrive within {@code timeout}
     * @since 0.1
     */
    public List<NotificationEvent> awaitEvents(int count, Duration timeout)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (events.size() < count) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new AssertionError("Expected " + count + " events within " + timeout + " but got " + events.size() + ": " + events);
                }
                lock.wait(Math.max(1, remaining / 1_000_000));
            }
            return List.copyOf(events.subList(0, count));
        }
    }

    /**
     * Waits until an event matching {@code matcher} has been delivered.
     *
     * @throws AssertionError if none arrives within {@code timeout}
     * @since 0.1
     */
    public NotificationEvent awaitEvent(Predicate<NotificationEvent> matcher, Duration timeout)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            int checked = 0;
            while (true) {
                for (; checked < events.size(); checked++) {
                    if (matcher.test(events.get(checked))) {
                        return events.get(checked);
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new AssertionError("No matching event arrived within " + timeout + "; delivered: " + events);
                }
                lock.wait(Math.max(1, remaining / 1_000_000));
            }
        }
    }

    /** @return true once {@link #close()} was called @since 0.1 */
    public boolean isClosed()
    {
        synchronized (lock) {
            return closed;
        }
    }

    /** Idempotent. @since 0.1 */
    @Override
    public void close()
    {
        synchronized (lock) {
            closed = true;
        }
    }

    @Override
    public String toString()
    {
        return "RecordingNotifier[" + interestedIn + ", " + events().size() + " events]";
    }
}
