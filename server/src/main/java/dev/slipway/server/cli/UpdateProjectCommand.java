package dev.slipway.server.cli;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code slipway projects update NAME [-f FILE] [flags]}: {@code PUT /api/v1/projects/{name}}. */
@Command(name = "update", sortOptions = false,
        description = {"Changes a build project.",
                "With flags only, it reads the project, changes what the flags say and writes it back, refused if somebody changed it meanwhile.",
                "With -f FILE, the file is the whole project (what it leaves out goes back to its default), changed by the flags; "
                        + "a 'version:' in it is checked against the stored one."})
final class UpdateProjectCommand
        extends ClientCommand
{
    @Parameters(index = "0", paramLabel = "NAME", description = "The project's name.")
    String name;

    @Mixin
    ProjectOptions fields;

    @Mixin
    OutputOptions output;

    @Override
    int run(Session session)
    {
        ObjectNode project;
        if (fields.file != null) {
            project = Documents.readObject(fields.file, session.context(), "a project");
            project.put("name", CreateProjectCommand.projectName(project, name, spec.commandLine()));
        }
        else {
            if (!fields.changesAnything()) {
                throw new ParameterException(spec.commandLine(), "Nothing to change: give -f FILE or a flag such as --timeout");
            }
            JsonNode stored = session.client().get(SlipwayClient.api("projects", name), Map.of()).json();
            if (!(stored instanceof ObjectNode object)) {
                throw CliFailure.local("GET " + SlipwayClient.api("projects", name) + " did not answer with a project: " + stored, null);
            }
            project = object;
            // Set by the server; the version stays, so that a change made meanwhile is refused instead of overwritten.
            project.remove("createdAt");
            project.remove("updatedAt");
        }
        fields.applyTo(project, session.context());
        SlipwayClient.ApiResponse response = session.client().put(SlipwayClient.api("projects", name), project.toString());
        if (output.json()) {
            session.context().out().println(response.body());
        }
        else {
            JsonNode updated = response.json();
            session.context().out().println("Updated project " + updated.path("name").asText() + " to version " + updated.path("version").asText() + ".");
        }
        return ExitCodes.OK;
    }
}
