package dev.slipway.api.executor;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the engine asks of an environment. Implemented by the server (and the test kit); later versions may add
 * methods.
 *
 * @since 0.1
 */
public interface EnvironmentRequest
{
    /** @return the build's id, {@code <project>:<uuid>} @since 0.1 */
    String buildId();

    /**
     * The build's workspace on the server's disk: an existing directory, usually still empty when
     * {@link Executor#provision} is called. The engine fetches the primary source into it afterwards, in the
     * DOWNLOAD_SOURCE phase (and copies it into the environment with {@link BuildEnvironment#upload} when
     * {@link BuildEnvironment#hostPath} does not reach it), so an executor must not expect files there, copy it
     * at provision time, or depend on its content. The environment makes the directory available to commands (the
     * local executor uses it directly; a container executor mounts it) and reports where in
     * {@link BuildEnvironment#workspacePath()}. ({@code slipway run} may hand over a directory that already holds
     * the source.)
     *
     * @since 0.1
     */
    Path workspace();

    /** @return the image to run in, for executors that use images (e.g. {@code local/debian:bookworm}) @since 0.1 */
    Optional<String> image();

    /** @return the requested compute size, e.g. {@code BUILD_GENERAL1_SMALL}; executors may ignore it @since 0.1 */
    String computeType();

    /** @return true if the build asked for privileged mode (e.g. to run Docker inside the build) @since 0.1 */
    boolean privileged();
}
