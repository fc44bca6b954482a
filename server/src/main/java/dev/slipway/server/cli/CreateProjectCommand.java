package dev.slipway.server.cli;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** {@code slipway projects create [NAME] [-f FILE] [flags]}: {@code POST /api/v1/projects}. */
@Command(name = "create", sortOptions = false,
        description = {"Creates a build project from a YAML or JSON file, from flags, or both (the flags win).",
                "Only a name and a source are required; the server fills in the rest."})
final class CreateProjectCommand
        extends ClientCommand
{
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The project's name (or 'name:' in the file).")
    String name;

    @Mixin
    ProjectOptions fields;

    @Mixin
    OutputOptions output;

    @Override
    int run(Session session)
    {
        ObjectNode project = fields.file != null ? Documents.readObject(fields.file, session.context(), "a project") : SlipwayClient.JSON.createObjectNode();
        project.put("name", projectName(project, name, spec.commandLine()));
        fields.applyTo(project, session.context());
        SlipwayClient.ApiResponse response = session.client().post(SlipwayClient.api("projects"), Optional.of(project.toString()));
        if (output.json()) {
            session.context().out().println(response.body());
        }
        else {
            JsonNode created = response.json();
            session.context().out().println("Created project " + created.path("name").asText() + " (version " + created.path("version").asText() + ").");
        }
        return ExitCodes.OK;
    }

    /** @return the name from the command line or the file; a usage error if neither gives one, or they differ */
    static String projectName(ObjectNode project, String argument, CommandLine commandLine)
    {
        String inFile = project.path("name").isTextual() ? project.path("name").asText() : null;
        if (argument != null && inFile != null && !argument.equals(inFile)) {
            throw new ParameterException(commandLine, "The command line names project '" + argument + "', the file '" + inFile
                    + "': change the file's name: or leave NAME out");
        }
        if (argument == null && inFile == null) {
            throw new ParameterException(commandLine, "Missing the project's name: give it as NAME or as 'name:' in the file");
        }
        return argument != null ? argument : inFile;
    }
}
