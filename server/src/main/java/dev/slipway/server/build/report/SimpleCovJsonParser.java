package dev.slipway.server.build.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static java.util.Objects.requireNonNull;

/**
 * SimpleCov's own JSON, in both shapes SimpleCov writes: {@code coverage/.resultset.json} ({@code {"<command>":
 * {"coverage": {"<file>": {"lines": [...], "branches": {...}}}, "timestamp": …}}}, or a bare line array per file
 * before SimpleCov 0.18), and the {@code coverage.json} of its bundled JSON formatter ({@code {"meta": …,
 * "coverage": {"<file>": {"lines": [...], "branches": [...]}}}}). In the line arrays, {@code null} is a line with no
 * code and {@code "ignored"} a line excluded with {@code :nocov:}; neither counts. Several commands in one result set
 * are merged line by line, as SimpleCov merges them. The third-party simplecov-json gem's format (not accepted by
 * CodeBuild either) is refused with a message naming the file to use instead. Streamed per source file.
 */
final class SimpleCovJsonParser
        implements CoverageParser
{
    // A result-set branch key: "[:then, 1, 8, 4, 8, 65]" — type, id, start line, start column, end line, end column.
    private static final Pattern BRANCH_KEY = Pattern.compile("^\\[:?\\w+,\\s*-?\\d+,\\s*(\\d+),");

    private final ObjectMapper mapper;

    SimpleCovJsonParser(ObjectMapper mapper)
    {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @Override
    public void parse(InputStream in, CoverageCollector coverage)
            throws IOException, ReportFileException
    {
        try (JsonParser parser = mapper.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ReportFileException("the file has no JSON value");
            }
            JsonFiles.expect(parser, JsonToken.START_OBJECT, "a JSON object (SimpleCov's .resultset.json or coverage.json)");
            boolean anyCoverage = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "coverage" -> {
                        // The JSON formatter's shape.
                        JsonFiles.expect(parser, value, JsonToken.START_OBJECT, "an object of source files under \"coverage\"");
                        readFiles(parser, coverage);
                        anyCoverage = true;
                    }
                    case "meta", "groups", "timestamp", "total", "errors" -> parser.skipChildren();
                    case "files", "metrics", "command_name" -> throw JsonFiles.problem(parser,
                            "this is the simplecov-json gem's format, which CodeBuild does not accept for SIMPLECOV; "
                                    + "use SimpleCov's own coverage/.resultset.json, or coverage/coverage.json from "
                                    + "SimpleCov::Formatter::JSONFormatter");
                    default -> {
                        // A result set: the field is a command name ("RSpec", "Unit Tests", …).
                        JsonFiles.expect(parser, value, JsonToken.START_OBJECT,
                                "an object with \"coverage\" for command \"" + LimitedText.cut(field, 80) + "\"");
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String commandField = parser.currentName();
                            JsonToken commandValue = parser.nextToken();
                            if (commandField.equals("coverage")) {
                                JsonFiles.expect(parser, commandValue, JsonToken.START_OBJECT, "an object of source files under \"coverage\"");
                                readFiles(parser, coverage);
                                anyCoverage = true;
                            }
                            else {
                                parser.skipChildren();
                            }
                        }
                    }
                }
            }
            JsonFiles.expectEnd(parser);
            if (!anyCoverage) {
                throw new ReportFileException("no \"coverage\" object: this is not SimpleCov's .resultset.json or coverage.json");
            }
        }
    }

    private void readFiles(JsonParser parser, CoverageCollector coverage)
            throws IOException, ReportFileException
    {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String path = parser.currentName();
            parser.nextToken();
            JsonNode file = parser.readValueAsTree();
            if (file == null) {
                throw JsonFiles.problem(parser, "no coverage for " + path);
            }
            JsonNode lines = file.isArray() ? file : file.path("lines");
            if (!lines.isArray()) {
                throw JsonFiles.problem(parser, "the coverage of " + path + " has no \"lines\" array");
            }
            coverage.addFile(path);
            int number = 0;
            for (JsonNode line : lines) {
                number++;
                if (line.isIntegralNumber()) {
                    coverage.addLine(path, number, line.asLong() > 0, 0, 0);
                }
                else if (!line.isNull() && !(line.isTextual() && line.asText().equals("ignored"))) {
                    throw JsonFiles.problem(parser, "line " + number + " of " + path + " has coverage " + LimitedText.cut(line.toString(), 40)
                            + "; expected a hit count, null or \"ignored\"");
                }
            }
            Map<Integer, int[]> branches = branches(file.path("branches"), path, parser);
            branches.forEach((line, counts) -> coverage.addBranches(path, line, counts[0], counts[1]));
        }
    }

    private static Map<Integer, int[]> branches(JsonNode branches, String path, JsonParser parser)
            throws ReportFileException
    {
        // Per line: {covered, total}, over all conditions that start on it.
        Map<Integer, int[]> perLine = new TreeMap<>();
        if (branches.isArray()) {
            for (JsonNode branch : branches) {
                JsonNode hits = branch.path("coverage");
                if (hits.isTextual() && hits.asText().equals("ignored")) {
                    continue;
                }
                int line = branch.path("start_line").asInt(0);
                if (line < 1 || !hits.isIntegralNumber()) {
                    throw JsonFiles.problem(parser, "a branch of " + path + " has no start_line or coverage count");
                }
                count(perLine, line, hits.asLong() > 0);
            }
        }
        else if (branches.isObject()) {
            for (Iterator<JsonNode> conditions = branches.elements(); conditions.hasNext(); ) {
                JsonNode condition = conditions.next();
                for (Iterator<Map.Entry<String, JsonNode>> entries = condition.fields(); entries.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    Matcher key = BRANCH_KEY.matcher(entry.getKey());
                    if (!key.find() || !entry.getValue().isIntegralNumber()) {
                        throw JsonFiles.problem(parser, "branch " + LimitedText.cut(entry.getKey(), 60) + " of " + path
                                + " is not SimpleCov's [:type, id, line, column, line, column] with a hit count");
                    }
                    count(perLine, Integer.parseInt(key.group(1)), entry.getValue().asLong() > 0);
                }
            }
        }
        return perLine;
    }

    private static void count(Map<Integer, int[]> perLine, int line, boolean covered)
    {
        int[] counts = perLine.computeIfAbsent(line, ignored -> new int[2]);
        if (covered) {
            counts[0]++;
        }
        counts[1]++;
    }
}
