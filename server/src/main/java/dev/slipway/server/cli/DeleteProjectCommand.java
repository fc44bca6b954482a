package dev.slipway.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slipway projects delete NAME}: {@code DELETE /api/v1/projects/{name}}. */
@Command(name = "delete", sortOptions = false,
        description = {"Deletes a build project with its builds and their logs.",
                "Refused while the project has queued or running builds: stop them first (slipway builds stop ID)."})
final class DeleteProjectCommand
        extends ClientCommand
{
    @Parameters(index = "0", paramLabel = "NAME", description = "The project's name.")
    String name;

    @Override
    int run(Session session)
    {
        session.client().delete(SlipwayClient.api("projects", name));
        session.context().out().println("Deleted project " + name + ".");
        return ExitCodes.OK;
    }
}
