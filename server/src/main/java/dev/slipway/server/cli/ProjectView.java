package dev.slipway.server.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** A project's JSON (contracts-service.md) for people: its details, or a row of the projects table. */
final class ProjectView
{
    private ProjectView() {}

    static void printDetails(JsonNode project, Styles styles, Instant now, PrintStream out)
    {
        JsonNode environment = project.path("environment");
        JsonNode limit = project.path("concurrentBuildLimit");
        new Details()
                .add("Name", styles.bold(text(project.path("name"))))
                .add("Description", text(project.path("description")))
                .add("Source", source(project.path("source")))
                .add("Buildspec", buildspec(project.path("buildspec")))
                .add("Executor", text(environment.path("executor")))
                .add("Image", text(environment.path("image")))
                .add("Compute type", text(environment.path("computeType")))
                .add("Privileged", yesNo(environment.path("privilegedMode")))
                .add("Variables", variables(environment.path("variables")))
                .add("Artifacts", artifacts(project.path("artifacts")))
                .add("Cache", cache(project.path("cache")))
                .add("Timeout", minutes(project.path("timeoutInMinutes")))
                .add("Queued timeout", minutes(project.path("queuedTimeoutInMinutes")))
                .add("Concurrent builds", limit.isNumber() ? "at most " + limit.asInt() : "no limit")
                .add("Service role", text(project.path("serviceRole")))
                .add("Badge", project.path("badgeEnabled").asBoolean() ? "enabled" : "disabled")
                .add("Created", when(project.path("createdAt"), now))
                .add("Updated", when(project.path("updatedAt"), now))
                .add("Version", text(project.path("version")))
                .print(out);
    }

    static Table table()
    {
        return new Table("NAME", "SOURCE", "BUILDSPEC", "EXECUTOR", "UPDATED", "DESCRIPTION");
    }

    static void addRow(Table table, JsonNode project, Instant now)
    {
        table.row(text(project.path("name")), source(project.path("source")), buildspec(project.path("buildspec")),
                text(project.path("environment").path("executor")), HumanText.ago(project.path("updatedAt"), now), text(project.path("description")));
    }

    /** @return the node's text, empty for null and missing */
    static String text(JsonNode node)
    {
        return node == null || node.isNull() || node.isMissingNode() ? "" : node.asText();
    }

    static String source(JsonNode source)
    {
        String type = text(source.path("type"));
        List<String> settings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : source.path("config").properties()) {
            settings.add(field.getKey() + "=" + text(field.getValue()));
        }
        return settings.isEmpty() ? type : type + " " + String.join(" ", settings);
    }

    static String buildspec(JsonNode buildspec)
    {
        if (buildspec.path("inline").isTextual()) {
            long lines = buildspec.path("inline").asText().lines().count();
            return "inline (" + lines + (lines == 1 ? " line)" : " lines)");
        }
        return text(buildspec.path("path"));
    }

    private static String variables(JsonNode variables)
    {
        List<String> shown = new ArrayList<>();
        for (JsonNode variable : variables) {
            String name = text(variable.path("name"));
            String value = text(variable.path("value"));
            shown.add(switch (text(variable.path("type"))) {
                case "PARAMETER_STORE" -> name + " (parameter " + value + ")";
                case "SECRETS_MANAGER" -> name + " (secret " + value + ")";
                default -> name + "=" + value;
            });
        }
        return String.join(", ", shown);
    }

    private static String artifacts(JsonNode artifacts)
    {
        if (!artifacts.isObject()) {
            return "none";
        }
        StringBuilder text = new StringBuilder("store " + text(artifacts.path("store")) + ", " + text(artifacts.path("packaging")));
        if (artifacts.path("overrideArtifactName").asBoolean()) {
            text.append(", named by the buildspec");
        }
        List<String> secondary = new ArrayList<>();
        for (JsonNode artifact : artifacts.path("secondary")) {
            secondary.add(text(artifact.path("identifier")) + " (" + text(artifact.path("packaging")) + ")");
        }
        if (!secondary.isEmpty()) {
            text.append("; secondary ").append(String.join(", ", secondary));
        }
        return text.toString();
    }

    private static String cache(JsonNode cache)
    {
        String type = text(cache.path("type"));
        return cache.path("store").isTextual() ? type + " " + cache.path("store").asText() : type;
    }

    private static String minutes(JsonNode minutes)
    {
        return minutes.isNumber() ? minutes.asInt() + " min" : "";
    }

    private static String yesNo(JsonNode value)
    {
        return value.isBoolean() ? (value.asBoolean() ? "yes" : "no") : "";
    }

    /** @return {@code 3 min ago (2026-11-26T13:00:00Z)} */
    static String when(JsonNode time, Instant now)
    {
        return HumanText.instant(time).map(instant -> HumanText.ago(instant, now) + " (" + instant + ")").orElse("");
    }
}
