package dev.slipway.plugins.localexecutor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.slipway.api.executor.CommandResult;
import dev.slipway.api.executor.LogSink;
import dev.slipway.api.executor.ShellSession;

import static java.util.Objects.requireNonNull;

/**
 * A persistent shell on the server's machine: one long-lived shell process (in a session of its own) that runs the
 * commands one after another, so that the working directory, variables, functions, options and traps carry over.
 *
 * <p>If a command ends the shell ({@code exit 3}, a failure under {@code set -e}, {@code exec prog}), the result
 * carries the shell's exit status and the next {@link #run} starts a fresh shell with the session's original
 * options; the session writes nothing about it into the output. Background processes of the ended shell are killed
 * then, as they are on a timeout and at {@link #close()}.
 *
 * <p>Commands are written to a file in a private directory outside the workspace (owned by the shell's user, mode
 * 0700; the {@code command} file must exist when the session opens) and sourced from there; the directory is removed
 * at close.
 */
final class LocalShellSession
        implements ShellSession
{
    private final List<String> commandLine;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path privateDirectory;
    private final Path commandFile;
    private final Consumer<LocalShellSession> onClose;
    private final FileChannel commandChannel;
    private final Object shellLock = new Object();

    // Guarded by shellLock.
    private ShellProcess shell;
    private boolean closed;

    /**
     * Starts the first shell at once, so that a shell that cannot start fails {@code openShell}.
     *
     * @param privateDirectory an existing directory only the shell's user can read; the session deletes it at close
     * @param onClose called once when the session closes, e.g. to forget it in its environment
     */
    static LocalShellSession open(List<String> commandLine, Map<String, String> environment, Path workingDirectory, Path privateDirectory,
            Consumer<LocalShellSession> onClose)
            throws IOException, InterruptedException
    {
        LocalShellSession session = new LocalShellSession(commandLine, environment, workingDirectory, privateDirectory, onClose);
        try {
            session.currentShell();
            return session;
        }
        catch (IOException | InterruptedException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private LocalShellSession(List<String> commandLine, Map<String, String> environment, Path workingDirectory, Path privateDirectory,
            Consumer<LocalShellSession> onClose)
            throws IOException
    {
        this.commandLine = List.copyOf(commandLine);
        this.environment = Map.copyOf(environment);
        this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null");
        this.privateDirectory = requireNonNull(privateDirectory, "privateDirectory is null");
        this.commandFile = privateDirectory.resolve("command");
        this.onClose = requireNonNull(onClose, "onClose is null");
        this.commandChannel = FileChannel.open(commandFile, StandardOpenOption.WRITE);
    }

    @Override
    public CommandResult run(String command, LogSink output, Duration timeout)
            throws IOException, InterruptedException
    {
        requireNonNull(command, "command is null");
        requireNonNull(output, "output is null");
        requireNonNull(timeout, "timeout is null");
        if (Thread.interrupted()) {
            throw new InterruptedException("Interrupted before the command started");
        }
        ShellProcess current = currentShell();
        writeCommandFile(current.commandFileText(command));
        return current.run(commandFile, output, timeout);
    }

    private void writeCommandFile(String text)
            throws IOException
    {
        // One open channel instead of open/truncate/close per command: this is on every command's path.
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(text);
        synchronized (shellLock) {
            if (closed) {
                throw new IOException("This shell session is closed");
            }
            commandChannel.truncate(0);
            long position = 0;
            while (bytes.hasRemaining()) {
                position += commandChannel.write(bytes, position);
            }
        }
    }

    private ShellProcess currentShell()
            throws IOException, InterruptedException
    {
        synchronized (shellLock) {
            if (closed) {
                throw new IOException("This shell session is closed");
            }
            if (shell != null && shell.usable()) {
                return shell;
            }
            if (shell != null) {
                shell.close();
                shell = null;
            }
        }
        ShellProcess started = ShellProcess.start(commandLine, environment, workingDirectory, privateDirectory);
        synchronized (shellLock) {
            if (closed) {
                started.close();
                throw new IOException("This shell session was closed while its shell started");
            }
            shell = started;
            return started;
        }
    }

    /** @return the pid of the running shell, if one runs (for tests and diagnostics) */
    long shellPid()
    {
        synchronized (shellLock) {
            return shell == null ? -1 : shell.pid();
        }
    }

    @Override
    public void close()
    {
        ShellProcess toClose;
        synchronized (shellLock) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = shell;
            shell = null;
        }
        try {
            if (toClose != null) {
                toClose.close();
            }
            synchronized (shellLock) {
                commandChannel.close();
            }
            FileTrees.deleteQuietly(privateDirectory);
            onClose.accept(this);
        }
        catch (IOException | RuntimeException e) {
            // close never throws
        }
    }
}
