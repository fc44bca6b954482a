package dev.slipway.api.executor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One build's environment, from {@link Executor#provision}. Used by one build thread at a time.
 *
 * @since 0.1
 */
public interface BuildEnvironment
        extends AutoCloseable
{
    /**
     * The absolute path, inside the environment, of the build's workspace ({@link EnvironmentRequest#workspace()}).
     * The engine sets {@code CODEBUILD_SRC_DIR} to it and starts shells there.
     *
     * @since 0.1
     */
    String workspacePath();

    /**
     * Where a path of the environment is on the server's disk, when the environment shares it (the local executor,
     * a container with the workspace mounted). The engine reads artifacts and reports directly through it when
     * present, and through {@link #download} otherwise.
     *
     * @since 0.1
     */
    default Optional<Path> hostPath(String environmentPath)
    {
        return Optional.empty();
    }

    /**
     * The variables every command of this environment starts with, before the engine adds its own
     * ({@code CODEBUILD_*}, the project's and the buildspec's). The local executor passes a small set from the
     * server's environment ({@code PATH}, {@code HOME}, {@code LANG}, …); an image-based executor the image's.
     *
     * @since 0.1
     */
    default Map<String, String> baseEnvironment()
    {
        return Map.of();
    }

    /**
     * Opens a shell. Buildspec 0.2 opens one session for the whole build (state carries across commands and
     * phases); buildspec 0.1 opens one per command. Called on the build thread.
     *
     * @throws IOException if no shell could be started (e.g. the requested shell does not exist)
     * @since 0.1
     */
    ShellSession openShell(ShellOptions options)
            throws IOException, InterruptedException;

    /**
     * The language runtimes this environment can offer for {@code phases.install.runtime-versions}. The engine
     * chooses among them (exact version, {@code N.x}, {@code latest}) and applies the chosen toolchain's variables
     * and path entries.
     *
     * @since 0.1
     */
    default List<Toolchain> toolchains()
    {
        return List.of();
    }

    /**
     * Copies a file or directory tree from the server's disk into the environment at {@code targetPath}
     * (created as needed; existing files are replaced).
     *
     * @since 0.1
     */
    void upload(Path source, String targetPath)
            throws IOException, InterruptedException;

    /**
     * Copies a file or directory tree from the environment at {@code sourcePath} to {@code target} on the server's
     * disk (created as needed).
     *
     * @throws java.nio.file.NoSuchFileException if {@code sourcePath} does not exist
     * @since 0.1
     */
    void download(String sourcePath, Path target)
            throws IOException, InterruptedException;

    /**
     * Ends the environment: kills every process it started and releases what {@link Executor#provision} created
     * (containers, temporary directories other than the workspace). Idempotent; never throws; safe after a failed
     * or partial provision and while another thread is inside {@link ShellSession#run}.
     *
     * @since 0.1
     */
    @Override
    void close();
}
