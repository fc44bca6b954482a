package dev.slipway.server.build.log;

import java.io.IOException;
import java.io.InputStream;

import dev.slipway.server.secret.SecretMasker;

/**
 * The build logs of this server: one append-only UTF-8 file per build with an index of line offsets, so that any
 * range of lines and the tail are found without reading the log. Lines are numbered from 0 in the order they were
 * written; a line never contains {@code \n} and is at most {@value #MAX_LINE_BYTES} bytes of UTF-8 (longer lines are
 * split, never dropped). Everything else, ANSI escape codes and {@code \r} included, is kept as it was written.
 *
 * <p>The build service writes each build's output through {@link #open}; the REST API and live viewers read through
 * the other methods. Readers see the lines a writer has flushed: the writer flushes on a short timer
 * ({@code logs.flush-interval}), when its buffer is full and on {@link BuildLogWriter#complete()}, so a line is
 * visible within about that interval. A log is <em>complete</em> once its writer called
 * {@link BuildLogWriter#complete()}: the build has ended and no line will be added.
 *
 * <p>Crash safety: a log whose files were cut short by a crash (a line in the log but not in the index, a torn last
 * line, a torn or impossible index entry) is repaired from the log file the first time it is opened or read again, so
 * later reads and appends are never corrupted. A log that was being written when the server died stays incomplete
 * until the build service's recovery appends a last line and completes it.
 *
 * <p>Thread-safe: every method may be called from any thread. Errors are {@link dev.slipway.api.SlipwayException}s:
 * {@code NOT_FOUND} for a build that has no log, {@code INVALID_ARGUMENT} for a bad line number or count,
 * {@code CONFLICT} for a second writer; {@link IOException} only where the file system failed.
 */
public interface BuildLogStore
{
    /** The longest line in bytes of UTF-8 (64 KB); longer lines are split into several lines. */
    int MAX_LINE_BYTES = 64 * 1024;
    /** The most lines {@link #read} and {@link #tail} return at once. */
    int MAX_LINES_PER_READ = 10_000;
    /** The most bytes of text one {@link #read} or {@link #tail} returns; a slice stops early rather than exceed it. */
    int MAX_BYTES_PER_READ = 16 * 1024 * 1024;

    /**
     * Opens a build's log for appending: creates it, or continues it after a restart (repairing it first if the server
     * died while writing it). One writer per build at a time. Called by the build service when a build starts, and by
     * its recovery to finish the logs of builds that were running when the server died.
     *
     * @throws dev.slipway.api.SlipwayException CONFLICT if the build's log is already open for writing or is complete
     * @throws IOException if the files cannot be created or read
     */
    default BuildLogWriter open(String buildId)
            throws IOException
    {
        return open(buildId, SecretMasker.none());
    }

    /**
     * Like {@link #open(String)}, with a masker that every line passes through before it is split or written. The
     * engine masks build output itself; this is for lines that come from elsewhere (executor messages) and may carry a
     * secret in plain, Base64, URL-encoded or multi-line form.
     */
    BuildLogWriter open(String buildId, SecretMasker masker)
            throws IOException;

    /** @return true if the build has a log (possibly empty) */
    boolean exists(String buildId);

    /**
     * @return the number of lines and bytes readers can see now, and whether the log is complete
     * @throws dev.slipway.api.SlipwayException NOT_FOUND if the build has no log
     */
    LogInfo info(String buildId);

    /**
     * Reads up to {@code limit} lines starting with line {@code from}. A slice stops early at the end of the log and at
     * {@link #MAX_BYTES_PER_READ}; {@link LogSlice#next()} says where to continue. Reading beyond the end gives no lines
     * (and {@code next == from}), so that a client can poll for new lines.
     *
     * @param from the first line, 0-based, at least 0
     * @param limit how many lines at most, 0 to {@link #MAX_LINES_PER_READ}
     * @throws dev.slipway.api.SlipwayException NOT_FOUND if the build has no log; INVALID_ARGUMENT for a bad
     *         {@code from} or {@code limit}
     */
    LogSlice read(String buildId, long from, int limit);

    /**
     * Reads the last {@code lines} lines (all of them when the log is shorter; fewer if they exceed
     * {@link #MAX_BYTES_PER_READ}).
     *
     * @param lines 0 to {@link #MAX_LINES_PER_READ}
     * @throws dev.slipway.api.SlipwayException NOT_FOUND if the build has no log; INVALID_ARGUMENT for a bad count
     */
    LogSlice tail(String buildId, int lines);

    /**
     * @return the whole log as UTF-8 bytes, each line ended by {@code \n}, as far as it is visible now (a log that is
     *         still being written is not followed); the caller closes it
     * @throws dev.slipway.api.SlipwayException NOT_FOUND if the build has no log
     */
    InputStream openFull(String buildId)
            throws IOException;

    /**
     * Delivers the build's lines from line {@code fromLine} on to {@code follower} as they are written, then the log's
     * completion; see {@link LogFollower} for the threads and the order of the calls. Lines already in the log are
     * delivered first (from the file), so a follower that starts late or falls behind catches up without the writer
     * ever waiting for it. A build whose log does not exist yet is followed from the moment its log is created.
     *
     * @param fromLine the first line to deliver, at least 0; beyond the end means "only lines written from there on"
     * @return the subscription; close it to stop delivery
     * @throws dev.slipway.api.SlipwayException INVALID_ARGUMENT for a negative {@code fromLine}
     */
    LogSubscription follow(String buildId, long fromLine, LogFollower follower);

    /**
     * Deletes the build's log (its files), ending its followers. Deleting a log that does not exist does nothing.
     *
     * @throws dev.slipway.api.SlipwayException CONFLICT if the log is open for writing
     * @throws IOException if a file cannot be deleted
     */
    void delete(String buildId)
            throws IOException;
}
