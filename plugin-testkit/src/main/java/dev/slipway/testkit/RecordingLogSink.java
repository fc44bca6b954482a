package dev.slipway.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import dev.slipway.api.executor.LogSink;

/**
 * A {@link LogSink} that keeps every line it receives, for assertions. Thread-safe: an executor may write from its
 * reader thread while the test reads or waits on another.
 *
 * <pre>{@code
 * RecordingLogSink output = new RecordingLogSink();
 * CommandResult result = session.run("echo hi", output, Duration.ofSeconds(10));
 * assertThat(output.lines()).containsExactly("hi");
 * }</pre>
 *
 * <p>The {@code await…} methods block until a matching line has arrived (also one that arrived earlier) or the
 * timeout passes; on timeout they throw an {@link AssertionError} that shows the last lines received.
 *
 * @since 0.1
 */
public final class RecordingLogSink
        implements LogSink
{
    private static final int LINES_SHOWN_ON_FAILURE = 20;
    private static final int CHARACTERS_SHOWN_PER_LINE = 200;

    private final Object lock = new Object();
    private final List<String> lines = new ArrayList<>();

    /** @since 0.1 */
    public RecordingLogSink() {}

    /** Records one line. @since 0.1 */
    @Override
    public void line(String line)
    {
        Objects.requireNonNull(line, "line is null");
        synchronized (lock) {
            lines.add(line);
            lock.notifyAll();
        }
    }

    /** @return a copy of the lines received so far, in order @since 0.1 */
    public List<String> lines()
    {
        synchronized (lock) {
            return List.copyOf(lines);
        }
    }

    /** @return the lines received so far joined with {@code \n} (no trailing newline) @since 0.1 */
    public String text()
    {
        synchronized (lock) {
            return String.join("\n", lines);
        }
    }

    /** @return how many lines have been received @since 0.1 */
    public int size()
    {
        synchronized (lock) {
            return lines.size();
        }
    }

    /** Forgets every line received so far. @since 0.1 */
    public void clear()
    {
        synchronized (lock) {
            lines.clear();
        }
    }

    /**
     * Waits until a line equal to {@code expected} has been received.
     *
     * @return the line
     * @throws AssertionError if none arrives within {@code timeout}
     * @since 0.1
     */
    public String awaitLine(String expected, Duration timeout)
            throws InterruptedException
    {
        Objects.requireNonNull(expected, "expected is null");
        return awaitLine(expected::equals, "equal to '" + expected + "'", timeout);
    }

    /**
     * Waits until a line containing {@code text} has been received.
     *
     * @return the first such line
     * @throws AssertionError if none arrives within {@code timeout}
     * @since 0.1
     */
    public String awaitLineContaining(String text, Duration timeout)
            throws InterruptedException
    {
        Objects.requireNonNull(text, "text is null");
        return awaitLine(line -> line.contains(text), "containing '" + text + "'", timeout);
    }

    /**
     * Waits until a line matching {@code matcher} has been received.
     *
     * @param description what the matcher looks for, for the failure message
     * @return the first matching line
     * @throws AssertionError if none arrives within {@code timeout}
     * @since 0.1
     */
    public String awaitLine(Predicate<String> matcher, String description, Duration timeout)
            throws InterruptedException
    {
        Objects.requireNonNull(matcher, "matcher is null");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            int checked = 0;
            while (true) {
                for (; checked < lines.size(); checked++) {
                    if (matcher.test(lines.get(checked))) {
                        return lines.get(checked);
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new AssertionError("No line " + description + " arrived within " + timeout + "; " + describeLastLines());
                }
                waitNanos(remaining);
            }
        }
    }

    /**
     * Waits until at least {@code count} lines have been received.
     *
     * @return the first {@code count} lines
     * @throws AssertionError if they do not arrive within {@code timeout}
     * @since 0.1
     */
    public List<String> awaitLines(int count, Duration timeout)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (lines.size() < count) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new AssertionError("Expected " + count + " lines within " + timeout + " but got " + lines.size() + "; " + describeLastLines());
                }
                waitNanos(remaining);
            }
            return List.copyOf(lines.subList(0, count));
        }
    }

    private void waitNanos(long nanos)
            throws InterruptedException
    {
        long millis = Math.max(1, nanos / 1_000_000);
        lock.wait(millis);
    }

    private String describeLastLines()
    {
        if (lines.isEmpty()) {
            return "no line was received";
        }
        int from = Math.max(0, lines.size() - LINES_SHOWN_ON_FAILURE);
        StringBuilder description = new StringBuilder("the last ").append(lines.size() - from).append(" of ").append(lines.size()).append(" lines were:");
        for (String line : lines.subList(from, lines.size())) {
            description.append("\n  | ").append(line.length() > CHARACTERS_SHOWN_PER_LINE ? line.substring(0, CHARACTERS_SHOWN_PER_LINE) + "… (" + line.length() + " characters)" : line);
        }
        return description.toString();
    }

    @Override
    public String toString()
    {
        return "RecordingLogSink[" + size() + " lines]";
    }
}
