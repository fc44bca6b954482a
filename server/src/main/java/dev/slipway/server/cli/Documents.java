package dev.slipway.server.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Files the commands read: a project as YAML or JSON ({@code -f FILE}), a buildspec. {@code -} is standard input.
 * Problems are failures that name the file, and for YAML and JSON the line and column.
 */
final class Documents
{
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Documents() {}

    /** @return the file's text (UTF-8) */
    static String readText(String file, CliContext context)
    {
        try {
            if (file.equals("-")) {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(context.in().readAllBytes())).toString();
            }
            return Files.readString(context.workingDirectory().resolve(file));
        }
        catch (NoSuchFileException e) {
            throw CliFailure.local(name(file) + " does not exist", e);
        }
        catch (CharacterCodingException e) {
            throw CliFailure.local(name(file) + " is not UTF-8 text", e);
        }
        catch (IOException e) {
            throw CliFailure.local("cannot read " + name(file) + ": " + SlipwayClient.describe(e), e);
        }
    }

    /**
     * Reads one JSON object (text that starts with <code>{</code>) or YAML mapping.
     *
     * @return the object, to be changed by the caller
     */
    static ObjectNode readObject(String file, CliContext context, String what)
    {
        String text = readText(file, context);
        boolean json = text.stripLeading().startsWith("{");
        JsonNode node;
        try {
            node = (json ? SlipwayClient.JSON : YAML).readTree(text);
        }
        catch (JsonProcessingException e) {
            throw CliFailure.local(name(file) + ": " + problem(e, json), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw CliFailure.local(name(file) + " must hold " + what + " as a " + (json ? "JSON object" : "YAML mapping") + " of its fields", null);
        }
        return object;
    }

    /** @return {@code line 3, column 1: not valid YAML: <problem>} in one line */
    private static String problem(JsonProcessingException failure, boolean json)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                Mark problem = yaml.getProblemMark();
                Mark context = yaml.getContextMark();
                return "line " + (problem.getLine() + 1) + ", column " + (problem.getColumn() + 1) + ": not valid YAML: " + yaml.getProblem()
                        + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + (context == null ? "" : " that starts at line " + (context.getLine() + 1)
                        + ", column " + (context.getColumn() + 1)) + ")");
            }
        }
        JsonLocation location = failure.getLocation();
        String where = location == null || location.getLineNr() < 1 ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
        return where + "not valid " + (json ? "JSON" : "YAML") + ": " + failure.getOriginalMessage().lines().findFirst().orElse("");
    }

    private static String name(String file)
    {
        return file.equals("-") ? "standard input" : Path.of(file).toString();
    }
}
