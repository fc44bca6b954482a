package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes running builds' progress (phase starts and ends, the end of the queue wait, the final state) on one thread,
 * committing everything that has piled up in one transaction. A trivial build changes its state about twenty times in
 * a few milliseconds; one commit per change would cost more than the build. Writes run in the order they were
 * submitted, so a build's rows always move forward.
 *
 * <p>Writes that nobody waits for ({@link #submitDeferrable}) wait up to {@link #DEFER_NANOS} to share the commit of the
 * next write.
 *
 * <p>What must be durable before anybody is told (the final state of a build, before its end event and before its slot
 * is freed) waits for the future that {@link #submit} returns. A crash loses at most the progress of builds that were
 * running, which recovery marks FAULT anyway.
 *
 * <p>Thread-safe.
 */
final class BuildStateWriter
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(BuildStateWriter.class);
    private static final int MAX_BATCH = 500;

    /**
     * How long a write that nobody waits for may wait for company: the progress of a running build is committed with
     * the next write that somebody waits for (its final state, usually), or this long after it was queued.
     */
    static final long DEFER_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    private record Write(String description, Consumer<Handle> statement, CompletableFuture<Void> done, boolean deferrable, long queuedNanos)
    {
    }

    private final Jdbi jdbi;
    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;

    BuildStateWriter(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.thread = new Thread(this::run, "build-state-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues a write.
     *
     * @param description what it writes, for the log if it fails
     * @return completes when the write is committed; fails with the write's exception if it could not be
     */
    CompletableFuture<Void> submit(String description, Consumer<Handle> statement)
    {
        return submit(description, statement, false);
    }

    /**
     * Queues a write that nobody waits for, such as a running build's progress: it is committed together with the
     * next other write, or at most {@link #DEFER_NANOS} after it was queued, so that a short build's progress and
     * its final state cost one commit instead of several. Writes still run in the order they were queued.
     */
    CompletableFuture<Void> submitDeferrable(String description, Consumer<Handle> statement)
    {
        return submit(description, statement, true);
    }

    private CompletableFuture<Void> submit(String description, Consumer<Handle> statement, boolean deferrable)
    {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closing && !thread.isAlive()) {
            done.completeExceptionally(new IllegalStateException("The build state writer is closed; not written: " + description));
            return done;
        }
        queue.add(new Write(description, statement, done, deferrable, System.nanoTime()));
        return done;
    }

    private void run()
    {
        List<Write> batch = new ArrayList<>();
        while (!closing || !queue.isEmpty()) {
            try {
                Write first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                awaitCompany(batch, first.queuedNanos() + DEFER_NANOS);
                write(batch);
            }
            catch (InterruptedException e) {
                // Only close() interrupts; the loop drains what is left.
                closing = true;
            }
            finally {
                batch.clear();
            }
        }
    }

    /** While every write of the batch may wait, waits for more writes until {@code deadline}. */
    private void awaitCompany(List<Write> batch, long deadline)
    {
        while (!closing && batch.size() < MAX_BATCH && batch.stream().allMatch(Write::deferrable)) {
            long wait = deadline - System.nanoTime();
            if (wait <= 0) {
                return;
            }
            Write next;
            try {
                next = queue.poll(wait, TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException e) {
                // close(): what is in the batch is written now.
                closing = true;
                return;
            }
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, MAX_BATCH - batch.size());
        }
    }

    private void write(List<Write> batch)
    {
        try {
            jdbi.useTransaction(handle -> batch.forEach(write -> write.statement().accept(handle)));
            batch.forEach(write -> write.done().complete(null));
        }
        catch (RuntimeException batchFailure) {
            // Find the write that failed; the others are written one by one.
            for (Write write : batch) {
                try {
                    jdbi.useTransaction(handle -> write.statement().accept(handle));
                    write.done().complete(null);
                }
                catch (RuntimeException e) {
                    log.error("Cannot write {}: {}", write.description(), e.getMessage(), e);
                    write.done().completeExceptionally(e);
                }
            }
        }
    }

    /** Writes what is queued, then ends the thread. */
    @Override
    public void close()
    {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
