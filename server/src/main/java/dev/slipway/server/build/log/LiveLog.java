package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A log that has a writer or followers in this process: what its writer has published, and who to tell when it
 * publishes more. Readers take {@link #info()} (one volatile read) and read the files up to there; the writer
 * {@link #publish}es after its bytes are in the files, so a reader never sees a line that is not fully written.
 *
 * <p>{@link #writer} and the follower list change only under the store's lock for the build; {@link #info()} and
 * {@link #publish} are lock-free.
 */
final class LiveLog
{
    private final LogFiles files;
    private final List<FollowSubscription> followers = new CopyOnWriteArrayList<>();
    private volatile LogInfo info;
    private volatile boolean exists;
    private FileLogWriter writer;

    /**
     * @param info what the files hold, or empty and not existing for a log that is followed before it is created
     */
    LiveLog(LogFiles files, LogInfo info, boolean exists)
    {
        this.files = requireNonNull(files, "files is null");
        this.info = requireNonNull(info, "info is null");
        this.exists = exists;
    }

    LogFiles files()
    {
        return files;
    }

    LogInfo info()
    {
        return info;
    }

    boolean exists()
    {
        return exists;
    }

    /** Makes new lines (or completion) visible and wakes the followers; never waits for them. */
    void publish(LogInfo newInfo)
    {
        info = newInfo;
        exists = true;
        for (FollowSubscription follower : followers) {
            follower.wake();
        }
    }

    List<FollowSubscription> followers()
    {
        return followers;
    }

    FileLogWriter writer()
    {
        return writer;
    }

    void writer(FileLogWriter newWriter)
    {
        writer = newWriter;
    }

    boolean isIdle()
    {
        return writer == null && followers.isEmpty();
    }
}
