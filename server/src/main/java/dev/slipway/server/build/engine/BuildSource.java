package dev.slipway.server.build.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import dev.slipway.api.executor.LogSink;

import static java.util.Objects.requireNonNull;

/**
 * Puts a build's primary source into its workspace. The build service adapts a source provider plugin (git, an
 * archive, a directory) to it; {@code slipway run} uses the source directory as the workspace and fills nothing.
 */
@FunctionalInterface
public interface BuildSource
{
    /**
     * Fills {@code workspace} (on the server's disk) with the source tree. Called once per build on the build's
     * thread during DOWNLOAD_SOURCE; interrupted if the build is stopped or times out.
     *
     * @param log lines for the build's log (masked before they are shown)
     * @return the version that was fetched and where from
     * @throws IOException if the source could not be fetched; the build FAILS in DOWNLOAD_SOURCE with
     *         {@code CLIENT_ERROR} and the exception's message
     */
    Fetched fetch(Path workspace, LogSink log)
            throws IOException, InterruptedException;

    /**
     * @param resolvedVersion the immutable version fetched (a commit id), if the source has one
     * @param repositoryUrl where the source comes from ({@code CODEBUILD_SOURCE_REPO_URL})
     */
    record Fetched(Optional<String> resolvedVersion, Optional<String> repositoryUrl)
    {
        public static final Fetched NOTHING = new Fetched(Optional.empty(), Optional.empty());

        public Fetched
        {
            requireNonNull(resolvedVersion, "resolvedVersion is null");
            requireNonNull(repositoryUrl, "repositoryUrl is null");
        }
    }

    /** @return a source for a workspace that already holds the source (as {@code slipway run} uses it) */
    static BuildSource inPlace(Optional<String> version, Optional<String> repositoryUrl)
    {
        Fetched fetched = new Fetched(version, repositoryUrl);
        return (workspace, log) -> fetched;
    }
}
