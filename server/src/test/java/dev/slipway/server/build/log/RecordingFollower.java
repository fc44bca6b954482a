package dev.slipway.server.build.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link LogFollower} for tests: records what it gets and checks the contract as it goes (consecutive line numbers,
 * one last call, never two calls at once). Optionally blocks in its first {@link #lines} call until released, like a
 * viewer whose network stopped.
 */
final class RecordingFollower
        implements LogFollower
{
    private final List<String> lines = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final AtomicInteger idles = new AtomicInteger();
    private final AtomicInteger concurrentCalls = new AtomicInteger();
    private final CountDownLatch blocked = new CountDownLatch(1);
    private final CountDownLatch release;
    private long firstLine = -1;
    private long expectedNext = -1;
    private volatile Long completedWith;
    private volatile String endedWith;

    private RecordingFollower(CountDownLatch release)
    {
        this.release = release;
    }

    static RecordingFollower recording()
    {
        return new RecordingFollower(new CountDownLatch(0));
    }

    /** A follower that blocks in its first call until {@link #release()}. */
    static RecordingFollower blockingUntilReleased()
    {
        return new RecordingFollower(new CountDownLatch(1));
    }

    @Override
    public void lines(long first, List<String> batch)
            throws InterruptedException
    {
        enter();
        try {
            blocked.countDown();
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released within 60 s");
            }
            synchronized (this) {
                if (batch.isEmpty()) {
                    violations.add("empty batch at " + first);
                }
                if (expectedNext >= 0 && first != expectedNext) {
                    violations.add("batch starts at " + first + ", expected " + expectedNext);
                }
                if (firstLine < 0) {
                    firstLine = first;
                }
                if (completedWith != null || endedWith != null) {
                    violations.add("lines after the last call");
                }
                lines.addAll(batch);
                expectedNext = first + batch.size();
            }
        }
        finally {
            leave();
        }
    }

    @Override
    public void idle()
    {
        enter();
        idles.incrementAndGet();
        leave();
    }

    @Override
    public void completed(long totalLines)
    {
        enter();
        synchronized (this) {
            if (completedWith != null || endedWith != null) {
                violations.add("second last call: completed(" + totalLines + ")");
            }
        }
        completedWith = totalLines;
        leave();
    }

    @Override
    public void ended(String reason)
    {
        synchronized (this) {
            if (completedWith != null || endedWith != null) {
                violations.add("second last call: ended(" + reason + ")");
            }
        }
        endedWith = reason;
    }

    private void enter()
    {
        if (concurrentCalls.incrementAndGet() != 1) {
            synchronized (this) {
                violations.add("two calls at once");
            }
        }
    }

    private void leave()
    {
        concurrentCalls.decrementAndGet();
    }

    void release()
    {
        release.countDown();
    }

    boolean awaitBlocked(long seconds)
            throws InterruptedException
    {
        return blocked.await(seconds, TimeUnit.SECONDS);
    }

    synchronized List<String> lines()
    {
        return List.copyOf(lines);
    }

    synchronized long firstLine()
    {
        return firstLine;
    }

    synchronized List<String> violations()
    {
        return List.copyOf(violations);
    }

    int idles()
    {
        return idles.get();
    }

    Long completedWith()
    {
        return completedWith;
    }

    String endedWith()
    {
        return endedWith;
    }
}
