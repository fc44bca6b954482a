package dev.slipway.server.build.report;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import static java.util.Objects.requireNonNull;

/**
 * Cucumber's JSON ({@code json:} plugin of Cucumber-JVM, cucumber-js, Ruby Cucumber): an array of features, each
 * with elements (scenarios, and backgrounds whose steps run before the next scenario), each with steps and hooks.
 * A scenario is a case; its status comes from its steps and hooks: FAILED when one failed or is undefined or
 * ambiguous (Cucumber fails the run for these), SKIPPED when all were skipped or one is pending, SUCCEEDED when all
 * passed. Streamed token by token: embeddings (screenshots) are skipped, never held.
 */
final class CucumberJsonParser
        implements TestResultsParser
{
    private final JsonFactory json;

    CucumberJsonParser(JsonFactory json)
    {
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public void parse(InputStream in, TestResultsCollector results)
            throws IOException, ReportFileException
    {
        try (JsonParser parser = json.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ReportFileException("the file has no JSON value");
            }
            if (first != JsonToken.START_ARRAY) {
                throw JsonFiles.problem(parser, "not CUCUMBERJSON: expected an array of features, found " + JsonFiles.describe(first));
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                JsonFiles.expect(parser, JsonToken.START_OBJECT, "a feature object");
                readFeature(parser, results);
            }
            JsonFiles.expectEnd(parser);
        }
    }

    private static void readFeature(JsonParser parser, TestResultsCollector results)
            throws IOException, ReportFileException
    {
        String name = "";
        String uri = "";
        List<Element> elements = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "name" -> name = JsonFiles.text(parser);
                case "uri" -> uri = JsonFiles.text(parser);
                case "elements" -> {
                    JsonFiles.expect(parser, value, JsonToken.START_ARRAY, "an array of elements");
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        JsonFiles.expect(parser, JsonToken.START_OBJECT, "an element object");
                        elements.add(readElement(parser));
                    }
                }
                default -> parser.skipChildren();
            }
        }
        // The feature's name may follow its elements in the file; cases are added once both are known.
        String suite = Formats.firstNonBlank(name, uri, "(unnamed feature)");
        List<Step> background = List.of();
        for (Element element : elements) {
            if (element.type.equals("background")) {
                background = element.steps;
                continue;
            }
            List<Step> steps = new ArrayList<>(background);
            steps.addAll(element.steps);
            background = List.of();
            addScenario(suite, uri, element, steps, results);
        }
    }

    private static void addScenario(String suite, String uri, Element element, List<Step> steps, TestResultsCollector results)
    {
        Duration duration = Duration.ZERO;
        boolean anyFailed = false;
        boolean anyPending = false;
        boolean allSkipped = !steps.isEmpty();
        boolean anyUnknown = false;
        Step culprit = null;
        for (Step step : steps) {
            duration = duration.plus(step.duration);
            switch (step.status) {
                case "passed" -> allSkipped = false;
                case "failed", "undefined", "ambiguous" -> {
                    allSkipped = false;
                    if (!anyFailed) {
                        culprit = step;
                    }
                    anyFailed = true;
                }
                case "pending" -> {
                    allSkipped = false;
                    if (culprit == null) {
                        culprit = step;
                    }
                    anyPending = true;
                }
                case "skipped" -> {
                }
                default -> {
                    allSkipped = false;
                    anyUnknown = true;
                }
            }
        }
        TestStatus status = anyFailed ? TestStatus.FAILED
                : anyPending || allSkipped ? TestStatus.SKIPPED
                : anyUnknown ? TestStatus.UNKNOWN
                : TestStatus.SUCCEEDED;
        String message = "";
        String details = "";
        if (culprit != null) {
            String what = culprit.keyword.isEmpty() ? "hook" : "step '" + culprit.keyword + culprit.name + "'";
            String where = culprit.line > 0 ? " (line " + culprit.line + ")" : "";
            message = switch (culprit.status) {
                case "undefined" -> what + where + " is undefined";
                case "ambiguous" -> what + where + " matches more than one step definition";
                case "pending" -> what + where + " is pending" + (culprit.error.isBlank() ? "" : ": " + Formats.firstLine(culprit.error));
                default -> what + where + " failed" + (culprit.error.isBlank() ? "" : ": " + Formats.firstLine(culprit.error));
            };
            details = culprit.error;
        }
        String file = uri.isEmpty() ? "" : element.line > 0 ? uri + ":" + element.line : uri;
        results.add(suite, "", Formats.firstNonBlank(element.name, "(unnamed scenario)"), status, duration, message, details, file);
    }

    private static Element readElement(JsonParser parser)
            throws IOException, ReportFileException
    {
        Element element = new Element();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "type" -> element.type = JsonFiles.text(parser);
                case "name" -> element.name = JsonFiles.text(parser);
                case "line" -> element.line = parser.getValueAsInt(0);
                case "steps", "before", "after" -> {
                    JsonFiles.expect(parser, value, JsonToken.START_ARRAY, "an array of " + field);
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        JsonFiles.expect(parser, JsonToken.START_OBJECT, "a step or hook object");
                        Step step = readStep(parser);
                        // Steps that are hidden hooks in older Cucumber versions still decide the outcome.
                        element.steps.add(step);
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return element;
    }

    private static Step readStep(JsonParser parser)
            throws IOException, ReportFileException
    {
        Step step = new Step();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "keyword" -> step.keyword = JsonFiles.text(parser);
                case "name" -> step.name = JsonFiles.text(parser);
                case "line" -> step.line = parser.getValueAsInt(0);
                case "result" -> {
                    JsonFiles.expect(parser, value, JsonToken.START_OBJECT, "a result object");
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String resultField = parser.currentName();
                        parser.nextToken();
                        switch (resultField) {
                            case "status" -> step.status = JsonFiles.text(parser);
                            // Nanoseconds in Cucumber-JVM, cucumber-js and Ruby Cucumber alike.
                            case "duration" -> step.duration = Durations.nanoseconds(parser.getValueAsLong(0));
                            case "error_message" -> step.error = LimitedText.cut(JsonFiles.text(parser), TestCase.MAX_DETAILS_LENGTH);
                            default -> parser.skipChildren();
                        }
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return step;
    }

    private static final class Element
    {
        private String type = "scenario";
        private String name = "";
        private int line;
        private final List<Step> steps = new ArrayList<>();
    }

    private static final class Step
    {
        private String keyword = "";
        private String name = "";
        private int line;
        private String status = "";
        private String error = "";
        private Duration duration = Duration.ZERO;
    }
}
