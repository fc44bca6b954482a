package dev.slipway.api.notification;

import java.io.IOException;
import java.util.Set;

/**
 * Delivers events. The server calls {@link #notify} asynchronously from a bounded pool with a timeout, only for
 * the event types in {@link #interestedIn()}; a failure is logged, retried from the server's durable outbox and
 * recorded against this notifier only.
 *
 * @since 0.1
 */
public interface Notifier
        extends AutoCloseable
{
    /** @return the event types this instance wants @since 0.1 */
    Set<EventType> interestedIn();

    /**
     * Delivers one event. May be called concurrently for different events.
     *
     * @throws IOException if delivery failed; the server retries later
     * @since 0.1
     */
    void notify(NotificationEvent event)
            throws IOException, InterruptedException;

    /** Releases the notifier's resources. Idempotent; never throws. @since 0.1 */
    @Override
    default void close() {}
}
