package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one follower's lines. Its whole state is a position, two flags and an open reader: the writer only calls
 * {@link #wake()} (a compare-and-set, and at most one task submission), and a delivery task reads whatever is new from
 * the file in batches and hands it to the follower. So a follower that blocks costs the writer nothing, and when it
 * continues it reads what it missed from the file: there is no queue of lines to grow.
 *
 * <p>At most one delivery task runs at a time ({@link #scheduled}); a wake-up that arrives while one runs is picked
 * up by the re-check at its end. Idle ticks come from the timer; when nothing was delivered since the last tick, the
 * next task calls {@link LogFollower#idle()}.
 */
final class FollowSubscription
        implements LogSubscription
{
    private static final Logger log = LoggerFactory.getLogger(FollowSubscription.class);
    static final int BATCH_LINES = 1_000;
    static final int BATCH_BYTES = 1 << 20;

    private final LiveLog live;
    private final LogFollower follower;
    private final Executor delivery;
    private final Consumer<FollowSubscription> onEnd;
    private final LogReader reader;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile long position;
    private volatile boolean idleDue;
    private volatile boolean deliveredSinceTick;
    private volatile String endReason;
    private volatile ScheduledFuture<?> ticks;

    FollowSubscription(LiveLog live, long fromLine, LogFollower follower, Executor delivery, Consumer<FollowSubscription> onEnd)
    {
        this.live = requireNonNull(live, "live is null");
        this.follower = requireNonNull(follower, "follower is null");
        this.delivery = requireNonNull(delivery, "delivery is null");
        this.onEnd = requireNonNull(onEnd, "onEnd is null");
        this.reader = new LogReader(live.files());
        this.position = fromLine;
    }

    /** Starts the idle ticks and the first delivery. */
    void start(ScheduledExecutorService timer, Duration idleInterval)
    {
        long nanos = idleInterval.toNanos();
        try {
            ticks = timer.scheduleAtFixedRate(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
        }
        catch (RejectedExecutionException e) {
            end("the server is stopping");
            return;
        }
        if (ended.get()) {
            // Ended (log deleted, store closing) before the ticks were there to be cancelled.
            ticks.cancel(false);
            return;
        }
        wake();
    }

    /** There may be something to deliver. Never blocks. */
    void wake()
    {
        if (!ended.get() && scheduled.compareAndSet(false, true)) {
            try {
                delivery.execute(this::deliver);
            }
            catch (RejectedExecutionException e) {
                scheduled.set(false);
                end("the server is stopping");
            }
        }
    }

    private void tick()
    {
        if (!deliveredSinceTick) {
            idleDue = true;
            wake();
        }
        deliveredSinceTick = false;
    }

    private void deliver()
    {
        try {
            while (!ended.get()) {
                LogInfo info = live.info();
                long next = position;
                if (next < info.lines()) {
                    RawLines batch = reader.readRaw(next, BATCH_LINES, info, BATCH_BYTES);
                    if (ended.get()) {
                        return;
                    }
                    if (follower instanceof RawLogFollower raw) {
                        raw.rawLines(next, batch);
                    }
                    else {
                        follower.lines(next, batch.decode());
                    }
                    position = next + batch.count();
                    deliveredSinceTick = true;
                    continue;
                }
                if (info.complete()) {
                    if (ended.compareAndSet(false, true)) {
                        release();
                        follower.completed(info.lines());
                    }
                    return;
                }
                if (idleDue) {
                    idleDue = false;
                    follower.idle();
                    continue;
                }
                scheduled.set(false);
                // A wake-up between the check above and clearing the flag would be lost without this re-check.
                LogInfo again = live.info();
                if ((position < again.lines() || again.complete() || idleDue) && scheduled.compareAndSet(false, true)) {
                    continue;
                }
                return;
            }
        }
        catch (Exception e) {
            String reason = e instanceof IOException && !live.exists() ? "the log was deleted" : "delivery failed: " + e;
            log.debug("Following the log of build {} ended: {}", live.files().buildId(), reason, e);
            end(reason);
        }
        catch (Error e) {
            end("delivery failed: " + e);
            throw e;
        }
    }

    /** Ends the subscription with {@link LogFollower#ended}, unless it has already ended. Thread-safe. */
    void end(String reason)
    {
        if (ended.compareAndSet(false, true)) {
            endReason = reason;
            release();
            try {
                follower.ended(reason);
            }
            catch (RuntimeException e) {
                log.warn("A follower of the log of build {} failed when it ended: {}", live.files().buildId(), e.toString());
            }
        }
    }

    private void release()
    {
        ScheduledFuture<?> running = ticks;
        if (running != null) {
            running.cancel(false);
        }
        try {
            reader.close();
        }
        catch (IOException e) {
            log.debug("Cannot close a reader of the log of build {}", live.files().buildId(), e);
        }
        onEnd.accept(this);
    }

    LiveLog live()
    {
        return live;
    }

    @Override
    public long position()
    {
        return position;
    }

    @Override
    public boolean isClosed()
    {
        return ended.get();
    }

    @Override
    public void close()
    {
        if (ended.compareAndSet(false, true)) {
            endReason = "closed";
            release();
        }
    }

    @Override
    public String toString()
    {
        return "FollowSubscription{build=" + live.files().buildId() + ", position=" + position + (ended.get() ? ", ended: " + endReason : "") + "}";
    }
}
