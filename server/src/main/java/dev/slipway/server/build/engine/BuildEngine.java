package dev.slipway.server.build.engine;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

import dev.slipway.server.build.report.ReportParsers;

import static java.util.Objects.requireNonNull;

/**
 * Runs builds with CodeBuild's buildspec semantics; the one engine behind the build service and {@code slipway
 * run}. Phases, transitions, shells, variables, secrets, artifacts, caches and report files are documented on
 * {@link #run}.
 *
 * <p>Thread-safe: one instance serves every build of the server, each on its caller's thread. It keeps one daemon
 * thread for build timeouts (shared by all builds); {@link #close} ends it.
 */
public final class BuildEngine
        implements AutoCloseable
{
    private final BuildEngineSettings settings;
    private final BuildspecParsing parser;
    private final ReportParsers reportParsers;
    private final ScheduledThreadPoolExecutor timer;

    public BuildEngine(BuildEngineSettings settings, BuildspecParsing parser)
    {
        this(settings, parser, new ReportParsers());
    }

    public BuildEngine(BuildEngineSettings settings, BuildspecParsing parser, ReportParsers reportParsers)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.reportParsers = requireNonNull(reportParsers, "reportParsers is null");
        ThreadFactory daemon = runnable -> {
            Thread thread = new Thread(runnable, "slipway-build-timeouts");
            thread.setDaemon(true);
            return thread;
        };
        this.timer = new ScheduledThreadPoolExecutor(1, daemon);
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs one build on the calling thread and returns when it is over (also when it failed, timed out or was
     * stopped). The phases, in order:
     * <ol>
     *   <li>SUBMITTED parses an inline buildspec (invalid YAML fails the build here with {@code YAML_FILE_ERROR},
     *       line and column); QUEUED records the time since {@code queuedAt}.</li>
     *   <li>PROVISIONING resolves the project's parameter and secret variables, then asks the executor for an
     *       environment.</li>
     *   <li>DOWNLOAD_SOURCE fetches the source into the workspace, reads and parses a buildspec file from it (or
     *       from the server's disk, {@link BuildspecLocation.HostFile}; bytes that are not UTF-8 fail with their line
     *       and column),
     *       resolves the buildspec's {@code parameter-store} and {@code secrets-manager}, opens the build's shell
     *       (buildspec 0.2: one shell for the whole build, in {@code CODEBUILD_SRC_DIR}) and restores the cache.</li>
     *   <li>INSTALL (after choosing {@code runtime-versions}), PRE_BUILD, BUILD, POST_BUILD run their
     *       {@code commands} and {@code finally}. The first failing command skips the rest of {@code commands};
     *       {@code finally} runs anyway; the phase succeeds only if both did. A failure in INSTALL or PRE_BUILD
     *       skips to FINALIZING; a failure in BUILD still runs POST_BUILD (with {@code CODEBUILD_BUILD_SUCCEEDING=0})
     *       and UPLOAD_ARTIFACTS; {@code on-failure} ABORT skips to FINALIZING, CONTINUE goes on as if the phase
     *       had succeeded (the build still fails), RETRY runs the phase again while its output matches.</li>
     *   <li>At the end of POST_BUILD the {@code exported-variables} are read from the shell.</li>
     *   <li>UPLOAD_ARTIFACTS stores the primary and secondary artifacts and saves the cache.</li>
     *   <li>FINALIZING finds each report group's files and parses them (test results or coverage, by the group's
     *       {@code file-format}; group name {@code <project>-<group>} for a bare name), closes the shells and the
     *       environment (killing every process the build left); COMPLETED ends the build.</li>
     * </ol>
     * The build timeout ends the running phase and the build with TIMED_OUT; {@link BuildControl#stop} with
     * STOPPED; an exception of the executor, a store or the engine with FAULT and its message as the phase's
     * context. Every line the listener gets is masked.
     *
     * @param control lets another thread stop the build; use each control for one build only
     */
    public BuildResult run(BuildJob job, BuildListener listener, BuildControl control)
    {
        requireNonNull(job, "job is null");
        requireNonNull(listener, "listener is null");
        requireNonNull(control, "control is null");
        return new BuildRun(settings, parser, reportParsers, timer, job, listener, control).run();
    }

    @Override
    public void close()
    {
        timer.shutdownNow();
    }
}
