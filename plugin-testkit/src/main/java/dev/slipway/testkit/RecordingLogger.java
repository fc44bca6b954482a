package dev.slipway.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An slf4j {@link Logger} that records every call at every level (messages formatted, throwables kept) and also
 * forwards it to the real slf4j logger of the same name, so the output still shows in the test's log. Thread-safe.
 * The testing contexts hand one out as their {@code logger()}.
 *
 * @since 0.1
 */
public final class RecordingLogger
        extends LegacyAbstractLogger
{
    private static final long serialVersionUID = 1L;

    /**
     * One recorded call.
     *
     * @param level the level it was logged at
     * @param message the formatted message ({@code {}} placeholders filled in)
     * @param throwable the throwable logged with it, if any
     * @since 0.1
     */
    public record Entry(Level level, String message, Optional<Throwable> throwable)
    {
        /** @since 0.1 */
        public Entry
        {
            Objects.requireNonNull(level, "level is null");
            Objects.requireNonNull(message, "message is null");
            Objects.requireNonNull(throwable, "throwable is null");
        }

        @Override
        public String toString()
        {
            return level + " " + message + throwable.map(t -> " [" + t + "]").orElse("");
        }
    }

    private final transient Logger delegate;
    private final transient Object lock = new Object();
    private final transient List<Entry> entries = new ArrayList<>();

    /** @param name the logger's name, also used for the slf4j logger it forwards to @since 0.1 */
    public RecordingLogger(String name)
    {
        this.name = Objects.requireNonNull(name, "name is null");
        this.delegate = LoggerFactory.getLogger(name);
    }

    /** @return every call recorded so far, in order @since 0.1 */
    public List<Entry> entries()
    {
        synchronized (lock) {
            return List.copyOf(entries);
        }
    }

    /** @return the formatted messages logged at {@code level} @since 0.1 */
    public List<String> messages(Level level)
    {
        Objects.requireNonNull(level, "level is null");
        return entries().stream().filter(entry -> entry.level() == level).map(Entry::message).toList();
    }

    /** @return the formatted messages at every level @since 0.1 */
    public List<String> messages()
    {
        return entries().stream().map(Entry::message).toList();
    }

    /**
     * Waits until a message containing {@code text} has been logged (at any level).
     *
     * @throws AssertionError if none is logged within {@code timeout}
     * @since 0.1
     */
    public Entry awaitMessageContaining(String text, Duration timeout)
            throws InterruptedException
    {
        Objects.requireNonNull(text, "text is null");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            int checked = 0;
            while (true) {
                for (; checked < entries.size(); checked++) {
                    if (entries.get(checked).message().contains(text)) {
                        return entries.get(checked);
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new AssertionError("No message containing '" + text + "' was logged to " + name + " within " + timeout + "; logged: " + entries);
                }
                lock.wait(Math.max(1, remaining / 1_000_000));
            }
        }
    }

    /** Forgets every recorded call. @since 0.1 */
    public void clear()
    {
        synchronized (lock) {
            entries.clear();
        }
    }

    @Override
    public boolean isTraceEnabled()
    {
        return true;
    }

    @Override
    public boolean isDebugEnabled()
    {
        return true;
    }

    @Override
    public boolean isInfoEnabled()
    {
        return true;
    }

    @Override
    public boolean isWarnEnabled()
    {
        return true;
    }

    @Override
    public boolean isErrorEnabled()
    {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName()
    {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable)
    {
        String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        synchronized (lock) {
            entries.add(new Entry(level, message == null ? "null" : message, Optional.ofNullable(throwable)));
            lock.notifyAll();
        }
        delegate.atLevel(level).setCause(throwable).log(message);
    }

    @Override
    public String toString()
    {
        return "RecordingLogger[" + name + "]";
    }
}
