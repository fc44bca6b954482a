package dev.slipway.server.run;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.slipway.server.build.engine.BuildListener;
import dev.slipway.server.build.engine.BuildPhaseType;
import dev.slipway.server.build.engine.BuildStatus;
import dev.slipway.server.build.engine.PhaseRecord;
import dev.slipway.server.build.engine.StatusContext;

import static java.util.Objects.requireNonNull;

/**
 * Prints a running build for a person: a header per phase ({@code ==> BUILD}), each command as {@code $ command},
 * the commands' output as it comes, Slipway's own messages marked {@code [slipway]}, and a footer with the phase's
 * status and duration ({@code <== BUILD SUCCEEDED (1.2 s)}); a phase with nothing to show is one line. Colours are
 * ANSI escape codes, only when asked for.
 *
 * <p>Output is buffered and flushed at the end of every phase and at least every 100 ms while lines arrive, so that
 * a build printing megabytes does not pay a system call per line. Thread-safe: lines come from the executor's output
 * thread, phase events from the build thread.
 */
final class ConsoleListener
        implements BuildListener, AutoCloseable
{
    private static final String RESET = "\033[0m";
    private static final String BOLD = "\033[1m";
    private static final String DIM = "\033[2m";
    private static final String RED = "\033[31m";
    private static final String GREEN = "\033[32m";
    private static final String YELLOW = "\033[33m";
    private static final String BLUE = "\033[34m";

    private final PrintStream out;
    private final boolean color;
    private final ScheduledExecutorService flusher;
    private BuildPhaseType phase;
    private boolean headerPrinted;
    private boolean dirty;

    /** @param out a buffered stream; this listener flushes it */
    ConsoleListener(PrintStream out, boolean color)
    {
        this.out = requireNonNull(out, "out is null");
        this.color = color;
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "slipway-run-output");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flushIfDirty, 100, 100, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void phaseStarted(BuildPhaseType type, Instant startTime)
    {
        phase = type;
        headerPrinted = false;
    }

    @Override
    public synchronized void phaseEnded(PhaseRecord record)
    {
        if (record.type() == BuildPhaseType.COMPLETED) {
            return;
        }
        String status = record.status().map(BuildStatus::name).orElse("");
        String text = record.type() + " " + style(statusColour(record.status().orElse(BuildStatus.SUCCEEDED)), status) + " "
                + style(DIM, "(" + seconds(record.duration()) + ")");
        out.println(headerPrinted ? style(BOLD + BLUE, "<== ") + text : style(BOLD + BLUE, "--- ") + text);
        for (StatusContext context : record.contexts()) {
            out.println("    " + style(record.status().orElse(BuildStatus.SUCCEEDED) == BuildStatus.SUCCEEDED ? YELLOW : RED,
                    context.statusCode() + ": " + context.message()));
        }
        headerPrinted = false;
        out.flush();
        dirty = false;
    }

    @Override
    public synchronized void logLine(String line)
    {
        header();
        out.println(line);
        dirty = true;
    }

    @Override
    public synchronized void engineMessage(String message)
    {
        // The phase events say these already.
        if (message.startsWith("Entering phase ") || message.startsWith("Phase complete: ") || message.startsWith("Phase context status code: ")
                || (message.startsWith("Build ") && message.contains(" completed: "))) {
            return;
        }
        header();
        if (message.startsWith("Running command ")) {
            String command = message.substring("Running command ".length());
            boolean first = true;
            for (String line : command.split("\n", -1)) {
                if (!first && line.isEmpty()) {
                    continue;
                }
                out.println(style(BOLD, (first ? "$ " : "  ") + line));
                first = false;
            }
        }
        else {
            out.println(style(DIM, "[slipway] " + message));
        }
        dirty = true;
    }

    private void header()
    {
        if (!headerPrinted && phase != null) {
            out.println(style(BOLD + BLUE, "==> " + phase));
            headerPrinted = true;
        }
    }

    private synchronized void flushIfDirty()
    {
        if (dirty) {
            out.flush();
            dirty = false;
        }
    }

    /** Prints a line outside any phase (the summary). */
    synchronized void println(String line)
    {
        out.println(line);
        dirty = true;
    }

    String style(String codes, String text)
    {
        return color && !text.isEmpty() ? codes + text + RESET : text;
    }

    static String statusColour(BuildStatus status)
    {
        return switch (status) {
            case SUCCEEDED -> GREEN;
            case FAILED, FAULT -> RED;
            case TIMED_OUT, STOPPED -> YELLOW;
        };
    }

    static String bold()
    {
        return BOLD;
    }

    static String seconds(Duration duration)
    {
        return String.format(Locale.ROOT, "%.3f s", duration.toNanos() / 1e9);
    }

    @Override
    public synchronized void close()
    {
        flusher.shutdownNow();
        out.flush();
    }
}
