package dev.slipway.server.cli;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --wait} and {@code --follow} of the commands that start a build ({@code builds start}, {@code builds retry}):
 * wait for the new build to end and exit with its status, printing its log meanwhile ({@code --follow}) or not.
 */
final class WaitOptions
{
    @Option(names = "--wait", description = "Waits until the build has ended, prints it, and exits with its status (0 SUCCEEDED, 1 FAILED, "
            + "3 FAULT, 4 TIMED_OUT, 130 STOPPED).")
    boolean waitForEnd;

    @Option(names = "--follow", description = "Prints the build's log as it runs, and exits with the build's status, as --wait.")
    boolean follow;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Rejects combinations that make no sense, before anything is sent. */
    void check(OutputOptions output)
    {
        if (waitForEnd && follow) {
            throw new ParameterException(mixee.commandLine(), "--wait and --follow exclude each other: --follow waits too, and prints the log");
        }
        if (follow && output.json()) {
            throw new ParameterException(mixee.commandLine(), "--follow prints the log, not JSON: use --wait with --output json");
        }
    }

    /**
     * Prints the started build as asked: a line saying so; with {@code --wait} the ended build; with {@code --follow}
     * the log, then a summary on standard error.
     *
     * @param what how the build came to be, for the line: {@code Started build}
     * @return the exit code
     */
    int afterStart(ClientCommand.Session session, SlipwayClient.ApiResponse response, OutputOptions output, String what)
    {
        JsonNode build = response.json();
        String id = build.path("id").asText();
        BuildWatch watch = new BuildWatch(session);
        if (follow) {
            session.context().err().println(what + " " + BuildView.name(build) + "; following its log");
            JsonNode ended = watch.follow(id, 0, true).json();
            watch.printSummary(ended);
            return BuildWatch.exitCode(ended);
        }
        if (waitForEnd) {
            if (!output.json()) {
                session.context().err().println(what + " " + BuildView.name(build) + "; waiting for it to end");
            }
            SlipwayClient.ApiResponse ended = watch.follow(id, 0, false);
            if (output.json()) {
                session.context().out().println(ended.body());
            }
            else {
                BuildView.printDetails(ended.json(), session.styles(), session.context().clock().instant(), session.context().out());
            }
            return BuildWatch.exitCode(ended.json());
        }
        if (output.json()) {
            session.context().out().println(response.body());
        }
        else {
            session.context().out().println(what + " " + BuildView.name(build) + ": " + session.styles().status(build.path("status").asText()) + ", "
                    + build.path("currentPhase").asText());
        }
        return ExitCodes.OK;
    }
}
