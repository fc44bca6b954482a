package dev.slipway.server.event;

/**
 * Receives the events of one {@link EventBus} subscription. The bus calls it on one of its delivery threads, one call at
 * a time per subscription and in publishing order, never on the publisher's thread. A call may block (a slow client);
 * meanwhile events wait in the subscription's bounded buffer, and when that overflows the subscription is dropped.
 */
public interface EventSubscriber
{
    /**
     * Delivers one event.
     *
     * @throws Exception to end the subscription (a client that went away); the bus then calls {@link #closed}
     */
    void deliver(Event event)
            throws Exception;

    /** Called on a delivery thread when {@link EventSubscription#heartbeat()} was asked for and nothing else waits. */
    default void heartbeat()
            throws Exception
    {
    }

    /**
     * The last call: the subscription ended, because it was closed, because delivery failed, or because the
     * subscriber fell behind ({@code reason} says which). Must not throw.
     */
    default void closed(String reason)
    {
    }
}
