package dev.slipway.server.build.log;

/**
 * Appends the lines of one build's log; from {@link BuildLogStore#open}. Never waits for readers.
 */
public interface BuildLogWriter
        extends AutoCloseable
{
    /** Appends a line (already masked); longer than 64 KB is split, never dropped. */
    void line(String text);

    /** Marks the log complete (the build ended). A second call does nothing. */
    void complete();

    /** Flushes and releases the files; does not mark the log complete. Idempotent, never throws. */
    @Override
    void close();
}
