package dev.slipway.plugins.localexecutor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import dev.slipway.api.executor.CommandResult;
import dev.slipway.api.executor.LogSink;

import static java.util.Objects.requireNonNull;

/**
 * One running shell process of a {@link LocalShellSession} and the protocol spoken with it.
 *
 * <p>At start the shell copies its output pipe to a spare descriptor ({@code <fd>}: 10 or more where the shell can
 * pick one, else 7) and answers with the number. After that it reads one short line per command from its standard
 * input:
 * <pre>{@code
 * . '<private dir>/command' </dev/null; { . '<private dir>/status'; } >/dev/null 2>&1
 * }</pre>
 * <ul>
 *   <li>The command is in a file, so that a multi-line command is one command with its own line numbers; it is
 *       sourced, so that it changes the shell's state; its standard input is {@code /dev/null}, so that it cannot
 *       read the following commands (and an {@code exec <file} in it is undone when the {@code .} returns).</li>
 *   <li>The command file starts, on the command's first line, with what restores {@code $?} and {@code set -x} from
 *       the previous command, and ends with a line that saves the command's status (see {@link #commandFileText}).</li>
 *   <li>The status file (written once per shell) switches {@code xtrace} and {@code verbose} off and prints
 *       {@code <marker><status> <$->} to {@code <fd>}, so that a command's {@code exec >file} cannot swallow it. It
 *       runs with its output discarded, so that neither {@code set -x}, {@code set -v} nor a {@code DEBUG} trap shows
 *       it, and it holds the marker only split in two {@code printf} arguments, so that no echo of it contains the
 *       marker. The reported options let the next command restore {@code -x} and {@code -v}.</li>
 *   <li>The marker is 128 random bits per shell; {@link ShellOutputDecoder} finds it at the end of a raw line, so that
 *       output without a final newline is still delivered as a line of its own.</li>
 * </ul>
 * The line is kept short because bash reads a pipe one byte per system call.
 *
 * <p>A reader thread decodes the output and hands lines to the sink of the running command. Between commands it
 * stops reading (holding at most one line plus the pipe's buffer), so that output of background processes reaches
 * the next command's sink; at close it is dropped. When the shell ends or a command times out or is interrupted, the
 * shell's session and descendants are killed ({@link ProcessSweeper}) and the output written until then is drained
 * for a short while (a process that left the session may keep the pipe open, so the drain is bounded).
 *
 * <p>Used by one caller at a time; {@link #close()} may be called from any thread.
 */
final class ShellProcess
{
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);
    /** How long output may take to arrive after the shell ended, before the rest is given up. */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int MAX_START_OUTPUT_LINES = 20;
    /**
     * A command that streams output in small writes (stdio flushes 4 KB at a time into a pipe) would otherwise cost
     * one wake-up of the reader per write, paid by the writer inside its {@code write}: after this many reads
     * without a marker, a short read is followed by a pause of {@link #COALESCE_NANOS} so that the pipe (64 KB)
     * gathers several writes for the next read. The first reads of every command are never delayed.
     */
    private static final int STREAMING_READS = 8;
    private static final int SHORT_READ_BYTES = 16 * 1024;
    private static final long COALESCE_NANOS = TimeUnit.MICROSECONDS.toNanos(150);

    private final Process process;
    private final long startedNanos;
    private final String shellName;
    private final Map<String, String> environment;
    private final OutputStream input;
    private final String markerFirstHalf;
    private final String markerSecondHalf;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // Guarded by lock.
    private LogSink sink;
    private boolean markerSeen;
    private int markerNumber;
    private String markerFlags = "";
    private boolean endOfOutput;
    private boolean exited;
    private boolean discarding;
    private boolean finished;

    // Used by the reader thread only.
    private int readsSinceMarker;

    // Used by the calling thread only.
    private int statusDescriptor = -1;
    private Path statusFile;
    private String flags = "";
    private int lastStatus;

    private ShellProcess(Process process, long startedNanos, String shellName, Map<String, String> environment)
    {
        this.process = process;
        this.startedNanos = startedNanos;
        this.shellName = shellName;
        this.environment = environment;
        this.input = process.getOutputStream();
        String marker = "slipway-" + HexFormat.of().formatHex(randomBytes()) + "-";
        int half = marker.length() / 2;
        this.markerFirstHalf = marker.substring(0, half);
        this.markerSecondHalf = marker.substring(half);
    }

    /**
     * Starts the shell and waits until it has answered the first status line.
     *
     * @throws IOException if the process cannot be started or does not behave like a POSIX shell
     */
    static ShellProcess start(List<String> commandLine, Map<String, String> environment, Path workingDirectory, Path privateDirectory)
            throws IOException, InterruptedException
    {
        ProcessBuilder builder = new ProcessBuilder(commandLine)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        long startedNanos = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        }
        catch (IOException e) {
            throw new IOException("The shell " + commandLine.get(0) + " cannot start" + describeEnvironment(environment) + ": " + e.getMessage(), e);
        }
        ShellProcess shell = new ShellProcess(process, startedNanos, commandLine.get(0), environment);
        try {
            shell.startReader();
            shell.handshake();
            shell.writeStatusFile(privateDirectory.resolve("status"));
            return shell;
        }
        catch (IOException | InterruptedException | RuntimeException e) {
            shell.close();
            throw e;
        }
    }

    /**
     * A shell reads its whole environment when it starts (bash in time growing with the square of the number of
     * variables), and the OS refuses to start a program whose environment is too large: say how large it was.
     */
    private static String describeEnvironment(Map<String, String> environment)
    {
        long bytes = 0;
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            bytes += variable.getKey().length() + variable.getValue().length() + 2;
        }
        return " (its environment has " + environment.size() + " variables, " + bytes + " bytes)";
    }

    private static byte[] randomBytes()
    {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    long pid()
    {
        return process.pid();
    }

    /** @return true while the shell runs and has not been killed, so that it can take the next command */
    boolean usable()
    {
        lock.lock();
        try {
            return !finished && !exited && process.isAlive();
        }
        finally {
            lock.unlock();
        }
    }

    private void startReader()
    {
        ShellOutputDecoder decoder = new ShellOutputDecoder(
                (markerFirstHalf + markerSecondHalf).getBytes(StandardCharsets.US_ASCII), ShellOutputDecoder.DEFAULT_MAX_LINE_BYTES);
        InputStream output = process.getInputStream();
        Thread reader = new Thread(() -> read(decoder, output), "slipway-shell-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        process.onExit().thenRun(() -> {
            lock.lock();
            try {
                exited = true;
                changed.signalAll();
            }
            finally {
                lock.unlock();
            }
        });
    }

    private void read(ShellOutputDecoder decoder, InputStream output)
    {
        // The listener runs with the lock held: one lock acquisition per chunk read, not per line.
        ShellOutputDecoder.Listener listener = new ShellOutputDecoder.Listener()
        {
            @Override
            public void line(String line)
            {
                deliverLocked(line);
            }

            @Override
            public void marker(int number, String reportedFlags)
            {
                markerSeen = true;
                readsSinceMarker = 0;
                markerNumber = number;
                markerFlags = reportedFlags;
                sink = null;
                changed.signalAll();
            }
        };
        try {
            while (true) {
                int count = decoder.fill(output);
                lock.lock();
                try {
                    if (count < 0) {
                        decoder.finish(listener);
                        break;
                    }
                    readsSinceMarker++;
                    decoder.scan(listener);
                }
                finally {
                    lock.unlock();
                }
                if (count < SHORT_READ_BYTES && readsSinceMarker > STREAMING_READS) {
                    LockSupport.parkNanos(COALESCE_NANOS);
                }
            }
        }
        catch (IOException e) {
            // The stream was closed under us (close()); nothing more will come.
        }
        finally {
            lock.lock();
            try {
                endOfOutput = true;
                changed.signalAll();
            }
            finally {
                lock.unlock();
            }
        }
    }

    private void deliverLocked(String line)
    {
        while (sink == null && !discarding) {
            changed.awaitUninterruptibly();
        }
        if (discarding) {
            return;
        }
        try {
            sink.line(line);
        }
        catch (RuntimeException e) {
            // A sink must not throw; if one does, its line is lost but the session goes on.
        }
    }

    private void handshake()
            throws IOException, InterruptedException
    {
        List<String> startOutput = new ArrayList<>();
        LogSink collector = line -> {
            if (startOutput.size() < MAX_START_OUTPUT_LINES) {
                startOutput.add(line);
            }
        };
        // Shells that can (bash 4.1+, zsh, ksh93; bash is not asked, to spare a fork) pick a free descriptor of 10 or more, out of the way of scripts;
        // the others (dash, busybox) get 7, less used by scripts than 9 (flock's favourite).
        String script = "if [ -n \"${BASH_VERSION-}\" ] || ( exec {__slipway_fd}>&1 ) 2>/dev/null; then exec {__slipway_fd}>&1; else exec 7>&1; __slipway_fd=7; fi; "
                + statusLine("$__slipway_fd", "\"$-\"", "1")
                + "; unset __slipway_fd\n";
        Outcome outcome = exchange(script, collector, System.nanoTime() + START_TIMEOUT_NANOS);
        if (outcome.kind != Outcome.Kind.MARKER) {
            String reason = switch (outcome.kind) {
                case EXITED -> "exited with status " + outcome.number + " before it answered";
                case TIMED_OUT -> "did not answer within " + TimeUnit.NANOSECONDS.toSeconds(START_TIMEOUT_NANOS) + " s";
                case CLOSED -> "was closed while it started";
                case MARKER -> throw new AssertionError();
            };
            // The process may be gone, and with it what the OS knows about its command: name the one that was started.
            throw new IOException("The shell " + shellName + " " + reason + describeEnvironment(environment)
                    + "; it must be a POSIX shell (bash, sh, dash, …), and many or large variables slow its start"
                    + (startOutput.isEmpty() ? "" : ". It printed: " + String.join(" | ", startOutput)));
        }
        statusDescriptor = outcome.number;
        flags = outcome.flags;
    }

    /**
     * Writes the bookkeeping that runs after every command into a file, so that the line written to the shell per
     * command stays short (bash reads a pipe one byte per system call). The file holds the marker only split in
     * two, and is readable by the shell's user (its directory is private to that user).
     */
    private void writeStatusFile(Path file)
            throws IOException
    {
        String text = "__slipway_status=${__slipway_status:-$?} __slipway_flags=$-; set +xv\n"
                + statusLine("\"$__slipway_status\"", "\"$__slipway_flags\"", Integer.toString(statusDescriptor)) + "\n"
                + "unset __slipway_status __slipway_flags\n";
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        statusFile = file;
    }

    private String statusLine(String number, String flagsExpression, String descriptor)
    {
        return "printf '%s%s%d %s\\n' '" + markerFirstHalf + "' '" + markerSecondHalf + "' " + number + " " + flagsExpression + " >&" + descriptor;
    }

    /**
     * Runs one command file (written by the caller) and waits for its status, its timeout, or the end of the shell.
     *
     * @throws IOException if the shell has already ended (the caller starts a new one) or was closed meanwhile
     */
    CommandResult run(Path commandFile, LogSink output, Duration timeout)
            throws IOException, InterruptedException
    {
        if (!usable()) {
            throw new IOException("The shell has ended");
        }
        StringBuilder script = new StringBuilder(256);
        if (flags.indexOf('v') >= 0) {
            script.append("{ set -v; } >/dev/null 2>&1; ");
        }
        script.append(". ").append(quote(commandFile)).append(" </dev/null; { . ").append(quote(statusFile)).append("; } >/dev/null 2>&1\n");
        long started = System.nanoTime();
        long deadline = started + Math.max(0, saturatedNanos(timeout));
        Outcome outcome = exchange(script.toString(), output, deadline);
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        return switch (outcome.kind) {
            case MARKER -> {
                flags = outcome.flags;
                lastStatus = outcome.number;
                yield CommandResult.exited(outcome.number, duration);
            }
            case EXITED -> CommandResult.exited(outcome.number, duration);
            case TIMED_OUT -> CommandResult.timedOut(duration);
            case CLOSED -> throw new IOException("The shell session was closed while the command ran");
        };
    }

    /**
     * The content of the command file for {@code command}, so that the command sees the shell as the previous
     * command left it:
     * <ul>
     *   <li>first, on the command's first line, the previous status as {@code $?} and {@code set -x} (switched on
     *       here, it does not trace the {@code .}); {@code && :} keeps the restored status from tripping
     *       {@code set -e} or an {@code ERR} trap, and the group's redirection hides it from a {@code DEBUG} trap;</li>
     *   <li>last, on a line of its own, the command's status is saved, so that the {@code .} itself returns 0 and an
     *       {@code ERR} trap does not fire twice for one failure. While {@code set -v} is on that line would be
     *       echoed, so it is left out then (the status of the {@code .} is used instead).</li>
     * </ul>
     */
    String commandFileText(String command)
    {
        boolean trace = flags.indexOf('x') >= 0;
        StringBuilder text = new StringBuilder(command.length() + 128);
        if (trace || lastStatus != 0) {
            text.append("{ ").append(trace ? "set -x; " : "").append(lastStatus == 0 ? "" : "(exit " + lastStatus + ") && :; ").append("} >/dev/null 2>&1; ");
        }
        text.append(command);
        if (command.isEmpty() || command.charAt(command.length() - 1) != '\n') {
            text.append('\n');
        }
        if (command.endsWith("\\\n") || command.endsWith("\\")) {
            // A trailing line continuation must not swallow the next line.
            text.append('\n');
        }
        if (flags.indexOf('v') < 0) {
            text.append("{ __slipway_status=$?; } >/dev/null 2>&1\n");
        }
        return text.toString();
    }

    private static String quote(Path path)
    {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }

    private static long saturatedNanos(Duration duration)
    {
        try {
            return duration.toNanos();
        }
        catch (ArithmeticException e) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE / 4;
        }
    }

    private Outcome exchange(String script, LogSink output, long deadline)
            throws InterruptedException
    {
        lock.lock();
        try {
            if (finished) {
                return Outcome.closed();
            }
            markerSeen = false;
            sink = requireNonNull(output, "output is null");
            changed.signalAll();
        }
        finally {
            lock.unlock();
        }
        if (System.nanoTime() - deadline >= 0) {
            lock.lock();
            try {
                sink = null;
            }
            finally {
                lock.unlock();
            }
            return Outcome.timedOut();
        }
        try {
            input.write(script.getBytes(StandardCharsets.UTF_8));
            input.flush();
        }
        catch (IOException e) {
            // The shell is gone; its exit is noticed below.
        }
        boolean swept = false;
        long exitNoticed = 0;
        lock.lock();
        try {
            while (true) {
                if (markerSeen) {
                    return Outcome.marker(markerNumber, markerFlags);
                }
                if (finished) {
                    sink = null;
                    return Outcome.closed();
                }
                long now = System.nanoTime();
                if (exited) {
                    if (!swept) {
                        // Background jobs of the dead shell would keep the pipe open; the state they belong to is gone.
                        lock.unlock();
                        try {
                            ProcessSweeper.killSessionAndDescendants(process.toHandle(), startedNanos);
                        }
                        finally {
                            lock.lock();
                        }
                        swept = true;
                        exitNoticed = System.nanoTime();
                        continue;
                    }
                    if (endOfOutput || now - exitNoticed - DRAIN_NANOS >= 0) {
                        finishLocked();
                        return Outcome.exited(exitStatus());
                    }
                    try {
                        changed.awaitNanos(exitNoticed + DRAIN_NANOS - now);
                    }
                    catch (InterruptedException e) {
                        finishLocked();
                        throw e;
                    }
                    continue;
                }
                if (now - deadline >= 0) {
                    killAndDrainLocked();
                    return Outcome.timedOut();
                }
                try {
                    changed.awaitNanos(deadline - now);
                }
                catch (InterruptedException e) {
                    killAndDrainLocked();
                    throw e;
                }
            }
        }
        finally {
            lock.unlock();
        }
    }

    private int exitStatus()
    {
        try {
            return process.exitValue();
        }
        catch (IllegalThreadStateException e) {
            return 128 + 9;
        }
    }

    /** Kills the tree, lets the output written so far reach the sink (briefly), then stops delivering. */
    private void killAndDrainLocked()
    {
        lock.unlock();
        try {
            ProcessSweeper.killSessionAndDescendants(process.toHandle(), startedNanos);
        }
        finally {
            lock.lock();
        }
        long drainDeadline = System.nanoTime() + DRAIN_NANOS;
        boolean interrupted = false;
        while (!endOfOutput && !finished) {
            long remaining = drainDeadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            try {
                changed.awaitNanos(remaining);
            }
            catch (InterruptedException e) {
                interrupted = true;
            }
        }
        finishLocked();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void finishLocked()
    {
        finished = true;
        discarding = true;
        sink = null;
        changed.signalAll();
    }

    /** Kills the shell and everything it started, and drops output still to come. Idempotent; never throws. */
    void close()
    {
        lock.lock();
        try {
            finishLocked();
        }
        finally {
            lock.unlock();
        }
        try {
            ProcessSweeper.killSessionAndDescendants(process.toHandle(), startedNanos);
            process.destroyForcibly();
            try {
                input.close();
            }
            catch (IOException e) {
                // already closed with the process
            }
        }
        catch (RuntimeException e) {
            // close never throws
        }
    }

    private record Outcome(Kind kind, int number, String flags)
    {
        enum Kind
        {
            MARKER, EXITED, TIMED_OUT, CLOSED
        }

        static Outcome marker(int number, String flags)
        {
            return new Outcome(Kind.MARKER, number, flags);
        }

        static Outcome exited(int status)
        {
            return new Outcome(Kind.EXITED, status, "");
        }

        static Outcome timedOut()
        {
            return new Outcome(Kind.TIMED_OUT, 0, "");
        }

        static Outcome closed()
        {
            return new Outcome(Kind.CLOSED, 0, "");
        }
    }
}
