package dev.slipway.server.build.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Followers (live viewers) and readers while a writer writes. */
class FollowAndConcurrencyTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private FileBuildLogStore store;
    private final String build = "web:" + UUID.randomUUID();

    @BeforeEach
    void createStore()
    {
        store = new FileBuildLogStore(directory.resolve("logs"), Duration.ofMillis(5), Duration.ofMillis(50));
    }

    @AfterEach
    void closeStore()
    {
        store.close();
    }

    @Test
    void aFollowerGetsTheExistingLinesThenLiveLinesThenTheCompletion()
            throws IOException
    {
        RecordingFollower follower = RecordingFollower.recording();
        try (BuildLogWriter writer = store.open(build)) {
            writer.line("old 0");
            writer.line("old 1");
            await().atMost(DEADLINE).until(() -> store.info(build).lines() == 2);

            store.follow(build, 0, follower);
            await().atMost(DEADLINE).until(() -> follower.lines().size() == 2);
            writer.line("live 2");
            await().atMost(DEADLINE).until(() -> follower.lines().size() == 3);
            assertThat(follower.completedWith()).isNull();
            writer.complete();
        }

        await().atMost(DEADLINE).until(() -> follower.completedWith() != null);
        assertThat(follower.lines()).containsExactly("old 0", "old 1", "live 2");
        assertThat(follower.firstLine()).isZero();
        assertThat(follower.completedWith()).isEqualTo(3);
        assertThat(follower.endedWith()).isNull();
        assertThat(follower.violations()).isEmpty();
    }

    @Test
    void aFollowerStartsAtItsLine()
            throws IOException
    {
        writeComplete(IntStream.range(0, 10).mapToObj(i -> "line " + i).toList());
        RecordingFollower follower = RecordingFollower.recording();

        store.follow(build, 7, follower);

        await().atMost(DEADLINE).until(() -> follower.completedWith() != null);
        assertThat(follower.firstLine()).isEqualTo(7);
        assertThat(follower.lines()).containsExactly("line 7", "line 8", "line 9");
        assertThat(follower.completedWith()).isEqualTo(10);
    }

    @Test
    void followingBeyondTheEndOfACompleteLogJustCompletes()
            throws IOException
    {
        writeComplete(List.of("a", "b"));
        RecordingFollower follower = RecordingFollower.recording();

        store.follow(build, 50, follower);

        await().atMost(DEADLINE).until(() -> follower.completedWith() != null);
        assertThat(follower.lines()).isEmpty();
        assertThat(follower.completedWith()).isEqualTo(2);
    }

    @Test
    void aLogCanBeFollowedBeforeItIsCreated()
            throws IOException
    {
        RecordingFollower follower = RecordingFollower.recording();
        store.follow(build, 0, follower);
        assertThat(store.exists(build)).isFalse();

        writeComplete(List.of("queued, then started"));

        await().atMost(DEADLINE).until(() -> follower.completedWith() != null);
        assertThat(follower.lines()).containsExactly("queued, then started");
    }

    @Test
    void anIdleFollowerGetsHeartbeats()
            throws IOException
    {
        RecordingFollower follower = RecordingFollower.recording();
        try (BuildLogWriter writer = store.open(build)) {
            store.follow(build, 0, follower);

            await().atMost(DEADLINE).until(() -> follower.idles() >= 3);
            writer.complete();
        }
        await().atMost(DEADLINE).until(() -> follower.completedWith() != null);
        assertThat(follower.violations()).isEmpty();
    }

    @Test
    void aClosedSubscriptionGetsNoMoreCalls()
            throws IOException
    {
        RecordingFollower follower = RecordingFollower.recording();
        try (BuildLogWriter writer = store.open(build)) {
            LogSubscription subscription = store.follow(build, 0, follower);
            writer.line("seen");
            await().atMost(DEADLINE).until(() -> follower.lines().size() == 1);

            subscription.close();
            subscription.close();
            writer.line("not seen");
            writer.complete();
            assertThat(subscription.isClosed()).isTrue();
        }
        await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> follower.lines().size() == 1);
        assertThat(follower.lines()).containsExactly("seen");
        assertThat(follower.completedWith()).isNull();
        assertThat(follower.endedWith()).isNull();
    }

    @Test
    void closingTheStoreEndsFollowersAndKeepsTheLogIncomplete()
            throws IOException
    {
        RecordingFollower follower = RecordingFollower.recording();
        BuildLogWriter writer = store.open(build);
        writer.line("kept");
        store.follow(build, 0, follower);

        store.close();

        assertThat(follower.endedWith()).isEqualTo("the server is stopping");
        store = new FileBuildLogStore(directory.resolve("logs"), Duration.ofMillis(5), Duration.ofMillis(50));
        assertThat(store.read(build, 0, 10)).isEqualTo(new LogSlice(0, List.of("kept"), 1, 1, false));
    }

    @Test
    void theWriterNeverWaitsForAFollowerThatStoppedReading()
            throws Exception
    {
        RecordingFollower stuck = RecordingFollower.blockingUntilReleased();
        RecordingFollower healthy = RecordingFollower.recording();
        int total = 200_000;
        try (BuildLogWriter writer = store.open(build)) {
            store.follow(build, 0, stuck);
            store.follow(build, 0, healthy);
            writer.line("line 0");
            assertThat(stuck.awaitBlocked(30)).isTrue();

            for (int i = 1; i < total; i++) {
                writer.line("line " + i);
            }
            writer.complete();
        }

        // The writer finished while the stuck follower still holds its first batch; the healthy one got everything.
        await().atMost(DEADLINE).until(() -> healthy.completedWith() != null);
        assertThat(stuck.lines()).isEmpty();
        assertThat(healthy.lines()).hasSize(total);

        stuck.release();
        await().atMost(DEADLINE).until(() -> stuck.completedWith() != null);
        assertThat(stuck.lines()).hasSize(total);
        assertThat(stuck.lines().get(total - 1)).isEqualTo("line " + (total - 1));
        assertThat(stuck.violations()).isEmpty();
        assertThat(healthy.violations()).isEmpty();
        for (int i = 0; i < total; i += 9_973) {
            assertThat(stuck.lines().get(i)).isEqualTo("line " + i);
        }
    }

    @Test
    void readersAndFollowersSeeConsistentLinesWhileTheWriterWrites()
            throws Exception
    {
        int total = 100_000;
        List<RecordingFollower> followers = new ArrayList<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch readersDone = new CountDownLatch(3);
        BuildLogWriter writer = store.open(build);
        for (int i = 0; i < 3; i++) {
            RecordingFollower follower = RecordingFollower.recording();
            followers.add(follower);
            store.follow(build, 0, follower);
        }
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Thread reader = new Thread(() -> {
                try {
                    while (writing.get()) {
                        LogInfo info = store.info(build);
                        long from = info.lines() == 0 ? 0 : ThreadLocalRandom.current().nextLong(info.lines());
                        check(store.read(build, from, 500), problems);
                        check(store.tail(build, 300), problems);
                    }
                }
                catch (RuntimeException e) {
                    problems.add(e.toString());
                }
                finally {
                    readersDone.countDown();
                }
            });
            reader.start();
            readers.add(reader);
        }

        for (int i = 0; i < total; i++) {
            writer.line("line " + i + " " + "x".repeat(i % 50));
        }
        writer.complete();
        writer.close();
        writing.set(false);

        assertThat(readersDone.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(problems).isEmpty();
        for (RecordingFollower follower : followers) {
            await().atMost(DEADLINE).until(() -> follower.completedWith() != null);
            assertThat(follower.violations()).isEmpty();
            List<String> lines = follower.lines();
            assertThat(lines).hasSize(total);
            for (int i = 0; i < total; i++) {
                if (!lines.get(i).equals("line " + i + " " + "x".repeat(i % 50))) {
                    throw new AssertionError("line " + i + " is " + lines.get(i));
                }
            }
        }
    }

    private static void check(LogSlice slice, ConcurrentLinkedQueue<String> problems)
    {
        if (slice.next() > slice.total()) {
            problems.add("next " + slice.next() + " beyond total " + slice.total());
        }
        for (int i = 0; i < slice.lines().size(); i++) {
            long number = slice.from() + i;
            String expected = "line " + number + " " + "x".repeat((int) (number % 50));
            if (!slice.lines().get(i).equals(expected)) {
                problems.add("line " + number + " read as " + slice.lines().get(i));
            }
        }
    }

    private void writeComplete(List<String> lines)
            throws IOException
    {
        try (BuildLogWriter writer = store.open(build)) {
            lines.forEach(writer::line);
            writer.complete();
        }
    }
}
