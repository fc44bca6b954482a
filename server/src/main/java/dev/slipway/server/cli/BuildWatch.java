package dev.slipway.server.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.slipway.server.build.engine.BuildStatus;
import dev.slipway.server.run.RunExitCodes;

/**
 * Waits for a build to end — by following its live log, which ends when the build has — and tells how it ended: the
 * final build, a summary line for people, and the exit code {@code slipway run} would have given
 * ({@link RunExitCodes}).
 */
final class BuildWatch
{
    /** How long the build's final state may lag behind its complete log (the server stores both as the build ends). */
    private static final Duration FINAL_STATE_WAIT = Duration.ofSeconds(60);

    private final ClientCommand.Session session;

    BuildWatch(ClientCommand.Session session)
    {
        this.session = requireNonNull(session, "session is null");
    }

    /**
     * Follows the build's log from line {@code from} until it is complete, printing its lines to standard output if
     * asked, then reads the ended build.
     *
     * @return the server's answer with the ended build
     */
    SlipwayClient.ApiResponse follow(String buildId, long from, boolean print)
    {
        PrintStream out = session.context().out();
        LiveLogReader.Sink sink = print ? new LiveLogReader.Sink()
        {
            @Override
            public void line(String text)
            {
                out.println(text);
            }

            @Override
            public void flush()
            {
                out.flush();
            }
        } : new LiveLogReader.Sink()
        {
            @Override
            public void line(String text)
            {
            }

            @Override
            public void flush()
            {
            }
        };
        new LiveLogReader(session.client(), session.context()).follow(buildId, from, sink);
        out.flush();
        return awaitEnded(buildId);
    }

    private SlipwayClient.ApiResponse awaitEnded(String buildId)
    {
        long deadline = System.nanoTime() + FINAL_STATE_WAIT.toNanos();
        long pause = 20;
        while (true) {
            SlipwayClient.ApiResponse response = session.client().get(SlipwayClient.api("builds", buildId), Map.of());
            if (!response.json().path("status").asText().equals(BuildView.IN_PROGRESS)) {
                return response;
            }
            if (System.nanoTime() - deadline > 0) {
                throw CliFailure.local("The log of build " + buildId + " is complete, but the build still is IN_PROGRESS after "
                        + HumanText.duration(FINAL_STATE_WAIT), null);
            }
            try {
                Thread.sleep(pause);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliFailure.local("Interrupted while waiting for build " + buildId + " to end", e);
            }
            pause = Math.min(pause * 2, 500);
        }
    }

    /** @return the exit code of {@code slipway run} for the ended build's status */
    static int exitCode(JsonNode build)
    {
        String status = build.path("status").asText();
        try {
            return RunExitCodes.of(BuildStatus.valueOf(status));
        }
        catch (IllegalArgumentException e) {
            throw CliFailure.local("Build " + build.path("id").asText() + " ended with a status this command does not know: '" + status + "'", e);
        }
    }

    /** Prints {@code Build web:… (#3) FAILED after 2.1 s} and what failed, on standard error. */
    void printSummary(JsonNode build)
    {
        PrintStream err = session.context().err();
        session.context().out().flush();
        String duration = BuildView.duration(build, session.context().clock().instant());
        err.println("Build " + BuildView.name(build) + " " + session.styles().status(build.path("status").asText())
                + (duration.isEmpty() ? " without running" : " after " + duration));
        BuildView.failure(build).ifPresent(failure -> err.println("  " + failure));
    }
}
