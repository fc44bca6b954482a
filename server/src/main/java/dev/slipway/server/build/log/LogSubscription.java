package dev.slipway.server.build.log;

/** A follower's subscription to a build's log; from {@link BuildLogStore#follow}. Thread-safe. */
public interface LogSubscription
        extends AutoCloseable
{
    /** @return the number of the next line the follower will get */
    long position();

    /** @return true once the subscription has ended (completed, ended or closed) */
    boolean isClosed();

    /**
     * Stops delivery: no new call of the follower starts (one that is running finishes) and the follower gets no
     * {@link LogFollower#ended} for it. Idempotent, never throws; may be called from inside a follower call.
     */
    @Override
    void close();
}
