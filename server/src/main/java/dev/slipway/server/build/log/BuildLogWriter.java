package dev.slipway.server.build.log;

/**
 * Appends the lines of one build's log; from {@link BuildLogStore#open}. The build service owns it for the build's
 * life and closes it.
 *
 * <p>Thread-safe; the calls of one build come in order from the build's threads. No method ever waits for readers or
 * live viewers: lines go into a buffer that is written to the file when it is full, on a short timer
 * ({@code logs.flush-interval}) and on {@link #complete()}/{@link #close()}; viewers are only told that there is more.
 *
 * <p>Failure: if the file system fails (disk full), the error is logged once and every later {@link #line} and
 * {@link #complete()} throws a {@link dev.slipway.api.SlipwayException} with code INTERNAL naming the build and the
 * file; {@link #close()} never throws.
 */
public interface BuildLogWriter
        extends AutoCloseable
{
    /**
     * Appends a line. The text passes through the writer's {@link dev.slipway.server.secret.SecretMasker} (if it has
     * one) first, then is cut at each {@code \n} (a final {@code \n} ends the line and adds no empty one) and into pieces
     * of at most {@link BuildLogStore#MAX_LINE_BYTES} bytes at a character boundary, never inside a short ANSI escape
     * sequence. Lines from the engine are already masked.
     *
     * @throws IllegalStateException after {@link #complete()} or {@link #close()}
     */
    void line(String text);

    /**
     * Writes what is buffered, makes the log durable (fsync) and marks it complete: followers get the last lines and
     * then their completion. Called once when the build has ended; a second call does nothing.
     */
    void complete();

    /**
     * Writes what is buffered, makes it durable and releases the files. Does not mark the log complete: a log that was
     * closed without {@link #complete()} (the server is stopping) can be opened again. Idempotent, never throws.
     */
    @Override
    void close();
}
