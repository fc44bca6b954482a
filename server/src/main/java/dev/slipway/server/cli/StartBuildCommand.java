package dev.slipway.server.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipway builds start PROJECT [overrides] [--wait|--follow]}: {@code POST /api/v1/projects/{name}/builds}. */
@Command(name = "start", sortOptions = false,
        description = {"Starts a build of a project; the options override the project's settings for this build.",
                "Without --wait or --follow it prints the queued build and returns at once."})
final class StartBuildCommand
        extends ClientCommand
{
    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project's name.")
    String project;

    @Option(names = "--source-version", paramLabel = "VERSION", description = "The source version to build (a branch, tag, commit, …).")
    String sourceVersion;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "A plain-text variable over the project's (repeatable).")
    Map<String, String> plainVariables = new LinkedHashMap<>();

    @Option(names = "--env-parameter", paramLabel = "NAME=PARAMETER", description = "A variable whose value is a parameter's (repeatable).")
    Map<String, String> parameterVariables = new LinkedHashMap<>();

    @Option(names = "--env-secret", paramLabel = "NAME=SECRET", description = "A variable whose value is a secret's (repeatable).")
    Map<String, String> secretVariables = new LinkedHashMap<>();

    @Option(names = "--buildspec-file", paramLabel = "FILE", description = "A local buildspec to run instead of the project's.")
    Path buildspecFile;

    @Option(names = "--timeout", paramLabel = "MINUTES", description = "The build timeout, 5 to 2160 minutes.")
    Integer timeout;

    @Option(names = "--queued-timeout", paramLabel = "MINUTES", description = "How long the build may wait in the queue, 5 to 480 minutes.")
    Integer queuedTimeout;

    @Option(names = "--priority", paramLabel = "N", description = "-1000 to 1000 (default 0): higher runs first among queued builds.")
    Integer priority;

    @Option(names = "--idempotency-token", paramLabel = "TOKEN",
            description = "Starting again with the same token and options within 12 hours returns the same build instead of a new one.")
    String idempotencyToken;

    @Mixin
    WaitOptions waiting;

    @Mixin
    OutputOptions output;

    @Override
    int run(Session session)
    {
        waiting.check(output);
        ObjectNode request = SlipwayClient.JSON.createObjectNode();
        if (sourceVersion != null) {
            request.put("sourceVersion", sourceVersion);
        }
        if (!plainVariables.isEmpty() || !parameterVariables.isEmpty() || !secretVariables.isEmpty()) {
            request.set("environmentVariablesOverride", ProjectOptions.variables(SlipwayClient.JSON.createArrayNode(), plainVariables, parameterVariables,
                    secretVariables, List.of()));
        }
        if (buildspecFile != null) {
            request.put("buildspecOverride", Documents.readText(buildspecFile.toString(), session.context()));
        }
        if (timeout != null) {
            request.put("timeoutInMinutesOverride", timeout);
        }
        if (queuedTimeout != null) {
            request.put("queuedTimeoutInMinutesOverride", queuedTimeout);
        }
        if (priority != null) {
            request.put("priority", priority);
        }
        if (idempotencyToken != null) {
            request.put("idempotencyToken", idempotencyToken);
        }
        SlipwayClient.ApiResponse response = session.client().post(SlipwayClient.api("projects", project, "builds"), Optional.of(request.toString()));
        // 200 instead of 201: the idempotency token found the build an earlier start created.
        return waiting.afterStart(session, response, output, response.status() == 200 ? "Already started build" : "Started build");
    }
}
