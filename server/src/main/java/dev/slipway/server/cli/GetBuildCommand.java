package dev.slipway.server.cli;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code slipway builds get ID}: {@code GET /api/v1/builds/{id}}. */
@Command(name = "get", sortOptions = false, description = "Shows a build: its status, phases with their durations and contexts, artifacts, reports and cache.")
final class GetBuildCommand
        extends ClientCommand
{
    @Parameters(index = "0", paramLabel = "ID", description = "The build's id (PROJECT:UUID).")
    String id;

    @Mixin
    OutputOptions output;

    @Override
    int run(Session session)
    {
        SlipwayClient.ApiResponse response = session.client().get(SlipwayClient.api("builds", id), Map.of());
        if (output.json()) {
            session.context().out().println(response.body());
        }
        else {
            BuildView.printDetails(response.json(), session.styles(), session.context().clock().instant(), session.context().out());
        }
        return ExitCodes.OK;
    }
}
