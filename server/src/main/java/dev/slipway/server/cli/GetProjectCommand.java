package dev.slipway.server.cli;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code slipway projects get NAME}: {@code GET /api/v1/projects/{name}}. */
@Command(name = "get", sortOptions = false, description = "Shows a build project.")
final class GetProjectCommand
        extends ClientCommand
{
    @Parameters(index = "0", paramLabel = "NAME", description = "The project's name.")
    String name;

    @Mixin
    OutputOptions output;

    @Override
    int run(Session session)
    {
        SlipwayClient.ApiResponse response = session.client().get(SlipwayClient.api("projects", name), Map.of());
        if (output.json()) {
            session.context().out().println(response.body());
        }
        else {
            ProjectView.printDetails(response.json(), session.styles(), session.context().clock().instant(), session.context().out());
        }
        return ExitCodes.OK;
    }
}
