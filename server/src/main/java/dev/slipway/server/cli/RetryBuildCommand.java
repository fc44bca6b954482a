package dev.slipway.server.cli;

import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code slipway builds retry ID [--wait|--follow]}: {@code POST /api/v1/builds/{id}/retry}. */
@Command(name = "retry", sortOptions = false,
        description = {"Starts a new build like an ended one: the same overrides and source revision; the new build records 'retryOf'.",
                "Refused while the build is queued or running."})
final class RetryBuildCommand
        extends ClientCommand
{
    @Parameters(index = "0", paramLabel = "ID", description = "The ended build's id (PROJECT:UUID).")
    String id;

    @Mixin
    WaitOptions waiting;

    @Mixin
    OutputOptions output;

    @Override
    int run(Session session)
    {
        waiting.check(output);
        SlipwayClient.ApiResponse response = session.client().post(SlipwayClient.api("builds", id, "retry"), Optional.empty());
        return waiting.afterStart(session, response, output, "Started build");
    }
}
