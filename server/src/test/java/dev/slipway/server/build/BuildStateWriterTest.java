package dev.slipway.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildStateWriterTest
{
    private Jdbi jdbi;
    private Handle keepAlive;
    private BuildStateWriter writer;

    @TempDir
    Path directory;

    @BeforeEach
    void database()
    {
        jdbi = Jdbi.create("jdbc:h2:" + directory.resolve("writer"));
        keepAlive = jdbi.open();
        keepAlive.execute("CREATE TABLE writes (seq INTEGER AUTO_INCREMENT PRIMARY KEY, what VARCHAR(100))");
        writer = new BuildStateWriter(jdbi);
    }

    @AfterEach
    void close()
    {
        writer.close();
        keepAlive.close();
    }

    @Test
    void aDeferrableWriteIsCommittedWithTheNextWriteInOrder()
            throws Exception
    {
        // The writer is held inside a first write while the two are queued, so that they reach it together however
        // slowly this thread runs (otherwise the deferred one could outwait its delay alone).
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        writer.submit("blocker", handle -> {
            entered.countDown();
            awaitQuietly(release);
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        List<Handle> handles = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> progress = writer.submitDeferrable("progress", insert("progress").andThen(handles::add));
        CompletableFuture<Void> end = writer.submit("end", insert("end").andThen(handles::add));
        release.countDown();

        end.get(10, TimeUnit.SECONDS);
        assertThat(progress).isCompleted();
        assertThat(keepAlive.createQuery("SELECT what FROM writes ORDER BY seq").mapTo(String.class).list()).containsExactly("progress", "end");
        // One transaction: both ran on the same handle, in the order they were queued.
        assertThat(handles).hasSize(2);
        assertThat(handles.get(0)).isSameAs(handles.get(1));
    }

    @Test
    void aDeferrableWriteAloneIsCommittedAfterItsDelay()
            throws Exception
    {
        long start = System.nanoTime();
        writer.submitDeferrable("progress", insert("progress")).get(10, TimeUnit.SECONDS);

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(BuildStateWriter.DEFER_NANOS);
        assertThat(keepAlive.createQuery("SELECT what FROM writes").mapTo(String.class).list()).containsExactly("progress");
    }

    @Test
    void closingWritesWhatIsDeferred()
    {
        CompletableFuture<Void> progress = writer.submitDeferrable("progress", insert("progress"));

        writer.close();

        assertThat(progress).isCompleted();
        assertThat(keepAlive.createQuery("SELECT what FROM writes").mapTo(String.class).list()).containsExactly("progress");
    }

    private static void awaitQuietly(CountDownLatch latch)
    {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.function.Consumer<Handle> insert(String what)
    {
        return handle -> handle.createUpdate("INSERT INTO writes (what) VALUES (:what)").bind("what", what).execute();
    }
}
