package dev.slipway.api.executor;

/**
 * Receives the output of a command or an executor, one line at a time, without the line terminator
 * ({@code \n} or {@code \r\n}). Output that does not end with a line terminator is delivered as a last line.
 * ANSI escape sequences are passed through unchanged.
 *
 * <p>An executor calls one sink from one thread at a time (never concurrently), and must not block on anything
 * but the sink itself. Sinks provided by the server never block for long and never throw.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface LogSink
{
    /** @param line one line of output, without its terminator @since 0.1 */
    void line(String line);

    /** @return a sink that drops everything @since 0.1 */
    static LogSink discard()
    {
        return line -> { };
    }
}
