package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.io.ByteStreams;
import com.google.common.util.concurrent.Striped;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.server.secret.SecretMasker;

/**
 * The {@link BuildLogStore} on the local file system, under {@code <data>/logs} (see {@link LogFiles} for the layout).
 *
 * <p>Logs with a writer or followers are {@link LiveLog}s in memory; readers take their published size from there.
 * Any other log is checked (and repaired if a crash damaged it, see {@link LogRecovery}) the first time this process
 * touches it, and its size read from the files after that: a log is only ever appended to, and only by its one writer.
 * Registry changes (open, close, follow, delete, checks) hold a lock striped by build id; reads of the files never do.
 *
 * <p>Threads: a timer thread flushes writers and ticks followers; followers are served by a pool that grows with the
 * number of followers that are busy at once and shrinks when they are idle (it also syncs a completing log's index
 * while the writer's thread syncs the text). {@link #close()} flushes and closes
 * writers, ends followers and stops both.
 */
final class FileBuildLogStore
        implements BuildLogStore, AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(FileBuildLogStore.class);
    private static final int CHECKED_LOGS = 10_000;

    private final Path root;
    private final Duration flushInterval;
    private final Duration heartbeatInterval;
    private final ConcurrentHashMap<String, LiveLog> live = new ConcurrentHashMap<>();
    private final Striped<Lock> locks = Striped.lock(64);
    // Logs checked since this process started, with their text size then: a size that differs means another look.
    private final Cache<String, LogInfo> checked = CacheBuilder.newBuilder().maximumSize(CHECKED_LOGS).build();
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService delivery;

    /**
     * @param root the logs directory, created if missing
     * @param flushInterval how long a line may wait in a writer's buffer
     * @param heartbeatInterval how long a follower may go without a call before it gets {@link LogFollower#idle()}
     */
    FileBuildLogStore(Path root, Duration flushInterval, Duration heartbeatInterval)
    {
        this.root = requireNonNull(root, "root is null").toAbsolutePath();
        this.flushInterval = requireNonNull(flushInterval, "flushInterval is null");
        this.heartbeatInterval = requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        try {
            Files.createDirectories(this.root);
        }
        catch (IOException e) {
            throw new SlipwayException(ErrorCode.INVALID_CONFIG, "Cannot create the build log directory " + this.root + ": " + e, e);
        }
        this.timer = new ScheduledThreadPoolExecutor(1, threads("log-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.delivery = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads("log-follower"));
    }

    Path root()
    {
        return root;
    }

    @Override
    public BuildLogWriter open(String buildId, SecretMasker masker)
            throws IOException
    {
        requireNonNull(masker, "masker is null");
        LogFiles files = files(buildId);
        Lock lock = locks.get(buildId);
        lock.lock();
        try {
            LiveLog existing = live.get(buildId);
            if (existing != null && existing.writer() != null) {
                throw new SlipwayException(ErrorCode.CONFLICT, "The log of build " + buildId + " is already open for writing");
            }
            LogInfo info = existing != null && existing.exists() ? existing.info() : check(files).orElse(LogInfo.EMPTY);
            if (info.complete()) {
                throw new SlipwayException(ErrorCode.CONFLICT, "The log of build " + buildId + " is complete; a complete log takes no more lines");
            }
            LiveLog target = existing;
            if (target == null) {
                target = new LiveLog(files, info, true);
            }
            FileLogWriter writer = new FileLogWriter(target, masker, timer, delivery, flushInterval, this::writerClosed);
            target.writer(writer);
            live.put(buildId, target);
            checked.invalidate(buildId);
            return writer;
        }
        finally {
            lock.unlock();
        }
    }

    private void writerClosed(FileLogWriter writer)
    {
        LiveLog closing = writer.live();
        String buildId = closing.files().buildId();
        Lock lock = locks.get(buildId);
        lock.lock();
        try {
            if (closing.writer() == writer) {
                closing.writer(null);
                checked.put(buildId, closing.info());
                forgetIfIdle(closing);
            }
        }
        finally {
            lock.unlock();
        }
    }

    @Override
    public boolean exists(String buildId)
    {
        return find(buildId).isPresent();
    }

    @Override
    public LogInfo info(String buildId)
    {
        return find(buildId).orElseThrow(() -> notFound(buildId));
    }

    @Override
    public LogSlice read(String buildId, long from, int limit)
    {
        if (from < 0) {
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT, "from must be 0 or more, was " + from);
        }
        if (limit < 0 || limit > MAX_LINES_PER_READ) {
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT, "limit must be between 0 and " + MAX_LINES_PER_READ + ", was " + limit);
        }
        LogInfo info = info(buildId);
        try (LogReader reader = new LogReader(files(buildId))) {
            return reader.read(from, limit, info, MAX_BYTES_PER_READ);
        }
        catch (IOException e) {
            throw readFailure(buildId, e);
        }
    }

    @Override
    public LogSlice tail(String buildId, int lines)
    {
        if (lines < 0 || lines > MAX_LINES_PER_READ) {
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT, "lines must be between 0 and " + MAX_LINES_PER_READ + ", was " + lines);
        }
        LogInfo info = info(buildId);
        try (LogReader reader = new LogReader(files(buildId))) {
            return reader.tail(lines, info, MAX_BYTES_PER_READ);
        }
        catch (IOException e) {
            throw readFailure(buildId, e);
        }
    }

    @Override
    public InputStream openFull(String buildId)
            throws IOException
    {
        LogInfo info = info(buildId);
        try {
            return ByteStreams.limit(Files.newInputStream(files(buildId).log()), info.bytes());
        }
        catch (NoSuchFileException e) {
            throw notFound(buildId);
        }
    }

    @Override
    public LogSubscription follow(String buildId, long fromLine, LogFollower follower)
    {
        requireNonNull(follower, "follower is null");
        if (fromLine < 0) {
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT, "fromLine must be 0 or more, was " + fromLine);
        }
        LogFiles files = files(buildId);
        FollowSubscription subscription;
        Lock lock = locks.get(buildId);
        lock.lock();
        try {
            LiveLog target = live.get(buildId);
            if (target == null) {
                Optional<LogInfo> info = check(files);
                target = new LiveLog(files, info.orElse(LogInfo.EMPTY), info.isPresent());
                live.put(buildId, target);
            }
            subscription = new FollowSubscription(target, fromLine, follower, delivery, this::followerEnded);
            target.followers().add(subscription);
        }
        catch (IOException e) {
            throw readFailure(buildId, e);
        }
        finally {
            lock.unlock();
        }
        subscription.start(timer, heartbeatInterval);
        return subscription;
    }

    private void followerEnded(FollowSubscription subscription)
    {
        LiveLog following = subscription.live();
        Lock lock = locks.get(following.files().buildId());
        lock.lock();
        try {
            following.followers().remove(subscription);
            forgetIfIdle(following);
        }
        finally {
            lock.unlock();
        }
    }

    @Override
    public void delete(String buildId)
            throws IOException
    {
        LogFiles files = files(buildId);
        List<FollowSubscription> ending;
        Lock lock = locks.get(buildId);
        lock.lock();
        try {
            LiveLog existing = live.get(buildId);
            if (existing != null && existing.writer() != null) {
                throw new SlipwayException(ErrorCode.CONFLICT, "The log of build " + buildId + " is being written; close its writer before deleting it");
            }
            checked.invalidate(buildId);
            // The text first: without it the rest is no log at all, whatever happens next.
            Files.deleteIfExists(files.log());
            Files.deleteIfExists(files.index());
            Files.deleteIfExists(files.completeMarker());
            ending = existing == null ? List.of() : new ArrayList<>(existing.followers());
            if (existing != null) {
                live.remove(buildId, existing);
            }
        }
        finally {
            lock.unlock();
        }
        ending.forEach(subscription -> subscription.end("the log was deleted"));
    }

    /** Flushes and closes the open writers (their logs stay incomplete), ends every follower, stops the threads. */
    @Override
    public void close()
    {
        List<LiveLog> logs = new ArrayList<>(live.values());
        for (LiveLog open : logs) {
            FileLogWriter writer = open.writer();
            if (writer != null) {
                writer.close();
            }
            for (FollowSubscription subscription : open.followers()) {
                subscription.end("the server is stopping");
            }
        }
        timer.shutdownNow();
        delivery.shutdown();
        try {
            if (!delivery.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Log followers did not stop within 5 s; interrupting them");
                delivery.shutdownNow();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery.shutdownNow();
        }
    }

    /** @return where each follower of the build's log is (the next line it gets); for diagnostics and tests */
    List<Long> followerPositions(String buildId)
    {
        LiveLog open = live.get(buildId);
        return open == null ? List.of() : open.followers().stream().map(FollowSubscription::position).toList();
    }

    /** @return the log's size as readers may see it, checking its files the first time; empty if it has none */
    private Optional<LogInfo> find(String buildId)
    {
        LiveLog open = live.get(buildId);
        if (open != null && open.exists()) {
            return Optional.of(open.info());
        }
        LogFiles files = files(buildId);
        Lock lock = locks.get(buildId);
        lock.lock();
        try {
            open = live.get(buildId);
            if (open != null && open.exists()) {
                return Optional.of(open.info());
            }
            return check(files);
        }
        catch (IOException e) {
            throw readFailure(buildId, e);
        }
        finally {
            lock.unlock();
        }
    }

    /**
     * The size of a log without a writer here, from its files. A log seen before with the same text size is trusted;
     * otherwise (first look since the server started, or it changed) it is checked and repaired. Caller holds the lock.
     */
    private Optional<LogInfo> check(LogFiles files)
            throws IOException
    {
        LogInfo known = checked.getIfPresent(files.buildId());
        if (known != null) {
            try {
                long size = Files.size(files.log());
                if (size == known.bytes()) {
                    return Optional.of(known.complete() ? known : new LogInfo(known.lines(), known.bytes(), Files.exists(files.completeMarker())));
                }
            }
            catch (NoSuchFileException e) {
                checked.invalidate(files.buildId());
                return Optional.empty();
            }
        }
        Optional<LogInfo> info = LogRecovery.check(files);
        info.ifPresentOrElse(found -> checked.put(files.buildId(), found), () -> checked.invalidate(files.buildId()));
        return info;
    }

    private void forgetIfIdle(LiveLog candidate)
    {
        if (candidate.isIdle()) {
            live.remove(candidate.files().buildId(), candidate);
        }
    }

    private LogFiles files(String buildId)
    {
        requireNonNull(buildId, "buildId is null");
        if (buildId.isEmpty()) {
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT, "The build id is empty");
        }
        return LogFiles.of(root, buildId);
    }

    private static SlipwayException notFound(String buildId)
    {
        return new SlipwayException(ErrorCode.NOT_FOUND, "Build " + buildId + " has no log");
    }

    private static RuntimeException readFailure(String buildId, IOException e)
    {
        if (e instanceof NoSuchFileException) {
            return notFound(buildId);
        }
        return new UncheckedIOException("Cannot read the log of build " + buildId + ": " + e.getMessage(), e);
    }

    private static ThreadFactory threads(String prefix)
    {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
