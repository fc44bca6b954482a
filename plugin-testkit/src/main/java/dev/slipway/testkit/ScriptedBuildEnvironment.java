package dev.slipway.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.ShellOptions;
import dev.slipway.api.executor.ShellSession;

/** The environment of {@link ScriptedExecutor}: the request's workspace on the server's disk, used in place. */
final class ScriptedBuildEnvironment
        implements BuildEnvironment
{
    static final String OPEN_SHELL_FAILURE_VARIABLE = "SLIPWAY_TEST_OPEN_SHELL_FAIL";

    private final ScriptedExecutor executor;
    private final Path workspace;
    private final Map<String, String> baseEnvironment;
    private final List<ScriptedShellSession> sessions = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    ScriptedBuildEnvironment(ScriptedExecutor executor, Path workspace, Map<String, String> baseEnvironment)
    {
        this.executor = executor;
        this.workspace = workspace;
        this.baseEnvironment = Map.copyOf(baseEnvironment);
    }

    @Override
    public String workspacePath()
    {
        return workspace.toString();
    }

    @Override
    public Optional<Path> hostPath(String environmentPath)
    {
        Objects.requireNonNull(environmentPath, "environmentPath is null");
        return Optional.of(Path.of(environmentPath).toAbsolutePath().normalize());
    }

    @Override
    public Map<String, String> baseEnvironment()
    {
        return baseEnvironment;
    }

    @Override
    public ShellSession openShell(ShellOptions options)
            throws IOException
    {
        Objects.requireNonNull(options, "options is null");
        ensureOpen();
        Map<String, String> variables = new LinkedHashMap<>(baseEnvironment);
        variables.putAll(options.environment());
        String failure = variables.get(OPEN_SHELL_FAILURE_VARIABLE);
        if (failure != null) {
            throw new IOException("Scripted shell failure (" + OPEN_SHELL_FAILURE_VARIABLE + "): " + failure);
        }
        Path workingDirectory = Path.of(options.workingDirectory());
        if (!Files.isDirectory(workingDirectory)) {
            throw new NoSuchFileException(options.workingDirectory(), null, "the shell's working directory does not exist");
        }
        executor.recordShell(options);
        ScriptedShellSession session = new ScriptedShellSession(executor, this, options, variables);
        sessions.add(session);
        return session;
    }

    @Override
    public void upload(Path source, String targetPath)
            throws IOException
    {
        ensureOpen();
        TreeCopier.copy(source, resolve(targetPath));
    }

    @Override
    public void download(String sourcePath, Path target)
            throws IOException
    {
        ensureOpen();
        TreeCopier.copy(resolve(sourcePath), target);
    }

    private Path resolve(String environmentPath)
    {
        return workspace.resolve(environmentPath).toAbsolutePath().normalize();
    }

    void ensureOpen()
            throws IOException
    {
        if (closed) {
            throw new IOException("The scripted build environment for " + workspace + " is closed");
        }
    }

    @Override
    public void close()
    {
        closed = true;
        sessions.forEach(ScriptedShellSession::close);
    }

    @Override
    public String toString()
    {
        return "ScriptedBuildEnvironment[" + workspace + "]";
    }
}
