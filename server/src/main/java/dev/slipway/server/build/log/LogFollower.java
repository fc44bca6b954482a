package dev.slipway.server.build.log;

import java.util.List;

/**
 * Receives a build's log as it grows; given to {@link BuildLogStore#follow}.
 *
 * <p>Threads: the store calls a follower from its own delivery threads, one call at a time and in order, never from the
 * build's writer. A call may block (writing to a slow network client): that holds up only this follower, which then
 * reads the lines it missed from the file when it continues. The writer never waits for it and nothing is buffered
 * for it but its position.
 *
 * <p>Order: {@link #lines} with consecutive line numbers, {@link #idle} in between when nothing happens, and exactly
 * one last call: {@link #completed} once the log is complete and every line was delivered, or {@link #ended} if the
 * subscription stops before that. After {@link LogSubscription#close()} by the follower's owner, no new call starts.
 */
public interface LogFollower
{
    /**
     * The next lines of the log.
     *
     * @param firstLine the number of {@code lines.get(0)}; the first call starts at the subscription's line, every
     *        later call where the previous one ended
     * @param lines at least one line; at most about 1 MB of text per call
     * @throws Exception to end the subscription (a gone client); {@link #ended} follows
     */
    void lines(long firstLine, List<String> lines)
            throws Exception;

    /**
     * Nothing was delivered for a heartbeat interval ({@code logs.heartbeat-interval}); a network follower writes a
     * heartbeat so that proxies keep the connection and a gone client is noticed.
     *
     * @throws Exception to end the subscription; {@link #ended} follows
     */
    void idle()
            throws Exception;

    /**
     * The log is complete and every line up to {@code totalLines} was delivered. The last call.
     *
     * @param totalLines the number of lines in the log
     */
    void completed(long totalLines);

    /**
     * The subscription ended before the log was complete: the server is stopping, the log was deleted or could not be
     * read, or a call of this follower threw. The last call; must not throw.
     *
     * @param reason why, for a log line
     */
    void ended(String reason);
}
