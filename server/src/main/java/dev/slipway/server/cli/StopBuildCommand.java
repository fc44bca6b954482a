package dev.slipway.server.cli;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code slipway builds stop ID}: {@code POST /api/v1/builds/{id}/stop}. */
@Command(name = "stop", sortOptions = false,
        description = {"Stops a queued or running build: it ends STOPPED (the server waits up to 5 s for that before it answers).",
                "Refused for a build that has ended."})
final class StopBuildCommand
        extends ClientCommand
{
    @Parameters(index = "0", paramLabel = "ID", description = "The build's id (PROJECT:UUID).")
    String id;

    @Mixin
    OutputOptions output;

    @Override
    int run(Session session)
    {
        SlipwayClient.ApiResponse response = session.client().post(SlipwayClient.api("builds", id, "stop"), Optional.empty());
        if (output.json()) {
            session.context().out().println(response.body());
            return ExitCodes.OK;
        }
        JsonNode build = response.json();
        String status = build.path("status").asText();
        session.context().out().println(status.equals(BuildView.IN_PROGRESS)
                ? "Stopping build " + BuildView.name(build) + "; it has not ended yet (" + build.path("currentPhase").asText() + ")"
                : "Stopped build " + BuildView.name(build) + ": " + session.styles().status(status));
        return ExitCodes.OK;
    }
}
