package dev.slipway.server.cli;

import static dev.slipway.server.cli.ProjectView.text;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** A build's JSON (contracts-service.md) for people: its details with the phase table, a row of the builds table, one line. */
final class BuildView
{
    static final String IN_PROGRESS = "IN_PROGRESS";

    private BuildView() {}

    static void printDetails(JsonNode build, Styles styles, Instant now, PrintStream out)
    {
        String id = text(build.path("id"));
        JsonNode environment = build.path("environment");
        JsonNode logs = build.path("logs");
        Details details = new Details()
                .add("Build", styles.bold(id))
                .add("Number", text(build.path("number")))
                .add("Project", text(build.path("project")))
                .add("Status", styles.status(text(build.path("status"))))
                .add("Phase", text(build.path("currentPhase")))
                .add("Initiator", text(build.path("initiator")))
                .add("Retry of", text(build.path("retryOf")))
                .add("Priority", text(build.path("priority")))
                .add("Source version", sourceVersion(build))
                .add("Executor", text(environment.path("executor")) + (environment.path("computeType").isTextual()
                        ? " (" + environment.path("computeType").asText() + ")" : ""))
                .add("Queued", ProjectView.when(build.path("queuedAt"), now))
                .add("Started", ProjectView.when(build.path("startTime"), now))
                .add("Ended", ProjectView.when(build.path("endTime"), now))
                .add("Duration", duration(build, now));
        if (build.path("waitReason").isTextual()) {
            details.add("Waiting", build.path("waitReason").asText());
        }
        details.add("Timeout", build.path("timeoutInMinutes").asInt() + " min (queued " + build.path("queuedTimeoutInMinutes").asInt() + " min)")
                .add("Log", logs.path("lines").asLong() + (logs.path("lines").asLong() == 1 ? " line, " : " lines, ") + HumanText.size(logs.path("bytes").asLong())
                        + ": slipway builds logs " + id);
        List<String> exported = new ArrayList<>();
        build.path("exportedVariables").forEach(variable -> exported.add(text(variable.path("name")) + "=" + text(variable.path("value"))));
        if (!exported.isEmpty()) {
            details.add("Exported", String.join(", ", exported));
        }
        JsonNode artifacts = build.path("artifacts");
        if (artifacts.isObject()) {
            if (artifacts.path("primary").isObject()) {
                details.add("Artifact", artifact(artifacts.path("primary")));
            }
            artifacts.path("secondary").forEach(artifact -> details.add("Artifact " + text(artifact.path("identifier")), artifact(artifact)));
        }
        build.path("reports").forEach(report -> details.add("Report " + text(report.path("group")), report(report, styles)));
        JsonNode cache = build.path("cache");
        if (cache.isObject()) {
            details.add("Cache", (cache.path("hit").asBoolean() ? "hit " + text(cache.path("matchedKey")) : "miss") + (cache.path("key").isTextual()
                    ? " (key " + cache.path("key").asText() + ")" : "") + (cache.path("sizeBytes").isNumber() ? ", " + HumanText.size(cache.path("sizeBytes")
                    .asLong()) : ""));
        }
        details.print(out);

        Table phases = new Table("PHASE", "STATUS", "STARTED", "DURATION", "CONTEXT");
        for (JsonNode phase : build.path("phases")) {
            List<String> contexts = new ArrayList<>();
            phase.path("contexts").forEach(context -> contexts.add(text(context.path("statusCode")) + ": " + text(context.path("message"))));
            String status = text(phase.path("status"));
            String phaseDuration = phase.path("durationMillis").isNumber() ? HumanText.duration(Duration.ofMillis(phase.path("durationMillis").asLong()))
                    : status.equals(IN_PROGRESS) ? HumanText.instant(phase.path("startTime")).map(start -> HumanText.duration(Duration.between(start, now)))
                    .orElse("") : "";
            phases.row(text(phase.path("type")), styles.status(status), HumanText.ago(phase.path("startTime"), now), phaseDuration,
                    String.join("; ", contexts));
        }
        out.println();
        phases.print(out, styles);
    }

    static Table table()
    {
        return new Table("ID", "NUMBER", "STATUS", "PHASE", "QUEUED", "DURATION", "INITIATOR");
    }

    static void addRow(Table table, JsonNode build, Styles styles, Instant now)
    {
        table.row(text(build.path("id")), text(build.path("number")), styles.status(text(build.path("status"))), text(build.path("currentPhase")),
                HumanText.ago(build.path("queuedAt"), now), duration(build, now), text(build.path("initiator")));
    }

    /** @return {@code web:6f1c… (#12)} */
    static String name(JsonNode build)
    {
        return text(build.path("id")) + " (#" + text(build.path("number")) + ")";
    }

    /** @return how long the build ran (so far), or empty if it never left the queue */
    static String duration(JsonNode build, Instant now)
    {
        Optional<Instant> start = HumanText.instant(build.path("startTime"));
        if (start.isEmpty()) {
            return "";
        }
        Instant end = HumanText.instant(build.path("endTime")).orElse(now);
        return HumanText.duration(Duration.between(start.get(), end));
    }

    /** @return the phase that did not succeed, with its context: {@code BUILD FAILED: COMMAND_EXECUTION_ERROR: …} */
    static Optional<String> failure(JsonNode build)
    {
        for (JsonNode phase : build.path("phases")) {
            String status = text(phase.path("status"));
            if (!status.isEmpty() && !status.equals("SUCCEEDED") && !status.equals(IN_PROGRESS)) {
                List<String> contexts = new ArrayList<>();
                phase.path("contexts").forEach(context -> contexts.add(text(context.path("statusCode")) + ": " + text(context.path("message"))));
                return Optional.of(text(phase.path("type")) + " " + status + (contexts.isEmpty() ? "" : ": " + String.join("; ", contexts)));
            }
        }
        return Optional.empty();
    }

    private static String sourceVersion(JsonNode build)
    {
        String requested = build.path("sourceVersion").isTextual() ? build.path("sourceVersion").asText() : "(default)";
        return build.path("resolvedSourceVersion").isTextual() ? requested + " -> " + build.path("resolvedSourceVersion").asText() : requested;
    }

    private static String artifact(JsonNode artifact)
    {
        return text(artifact.path("name")) + ", " + HumanText.size(artifact.path("size").asLong()) + ", " + text(artifact.path("location"))
                + (artifact.path("sha256").isTextual() ? " (sha256 " + artifact.path("sha256").asText() + ")" : "");
    }

    private static String report(JsonNode report, Styles styles)
    {
        StringBuilder text = new StringBuilder(text(report.path("type")) + " " + styles.status(text(report.path("status"))));
        if (report.path("type").asText().equals("CODE_COVERAGE")) {
            if (report.path("lineCoverage").isNumber()) {
                text.append(", lines ").append(report.path("lineCoverage").asText()).append('%');
            }
            if (report.path("branchCoverage").isNumber()) {
                text.append(", branches ").append(report.path("branchCoverage").asText()).append('%');
            }
        }
        else {
            text.append(", ").append(report.path("passed").asLong()).append(" of ").append(report.path("total").asLong()).append(" passed, ")
                    .append(report.path("failed").asLong()).append(" failed, ").append(report.path("skipped").asLong()).append(" skipped");
        }
        return text.toString();
    }
}
