package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;

/**
 * A YAML document read into a Jackson tree, remembering the line and column of every key and value so that errors
 * found later (unknown keys, wrong types, values out of range) can point at the text. Jackson's own tree forgets
 * locations, hence this small reader over the streaming parser.
 */
final class LocatedYaml
{
    private static final YAMLFactory YAML = YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

    private final String file;
    private final Map<String, ConfigOrigin> keyOrigins = new HashMap<>();
    private final Map<String, ConfigOrigin> valueOrigins = new HashMap<>();

    private LocatedYaml(String file)
    {
        this.file = requireNonNull(file, "file is null");
    }

    /**
     * Reads a document whose top level must be a mapping; an empty document is an empty mapping.
     *
     * @param file the name shown in messages, e.g. {@code conf/slipway.yml}
     * @throws SlipwayException INVALID_CONFIG for a syntax error, a duplicate key or a top level that is not a mapping
     */
    static Document read(Reader reader, String file)
    {
        LocatedYaml yaml = new LocatedYaml(file);
        try (JsonParser parser = YAML.createParser(reader)) {
            JsonToken token = parser.nextToken();
            if (token == null || token == JsonToken.VALUE_NULL) {
                return new Document(JsonNodeFactory.instance.objectNode(), yaml.keyOrigins, yaml.valueOrigins);
            }
            if (token != JsonToken.START_OBJECT) {
                throw yaml.error(parser.currentTokenLocation(), "the file must be a mapping of keys (such as 'server:'), not " + describe(token));
            }
            ObjectNode root = yaml.readObject(parser, "");
            return new Document(root, yaml.keyOrigins, yaml.valueOrigins);
        }
        catch (JsonProcessingException e) {
            throw yaml.syntaxError(e);
        }
        catch (IOException e) {
            throw new SlipwayException(ErrorCode.INVALID_CONFIG, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private JsonNode readValue(JsonParser parser, String path)
            throws IOException
    {
        JsonToken token = parser.currentToken();
        valueOrigins.put(path, origin(parser.currentTokenLocation()));
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (token) {
            case START_OBJECT -> readObject(parser, path);
            case START_ARRAY -> readArray(parser, path);
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> nodes.textNode(parser.getText());
        };
    }

    private ObjectNode readObject(JsonParser parser, String path)
            throws IOException
    {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            JsonLocation keyLocation = parser.currentTokenLocation();
            if (object.has(key)) {
                throw error(keyLocation, "duplicate key '" + key + "'" + (path.isEmpty() ? "" : " in '" + path + "'")
                        + "; the first one is at " + keyOrigins.get(keyPath));
            }
            keyOrigins.put(keyPath, origin(keyLocation));
            parser.nextToken();
            object.set(key, readValue(parser, keyPath));
        }
        return object;
    }

    private ArrayNode readArray(JsonParser parser, String path)
            throws IOException
    {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue(parser, path + "[" + index + "]"));
            index++;
        }
        return array;
    }

    private ConfigOrigin origin(JsonLocation location)
    {
        return ConfigOrigin.file(file, location.getLineNr(), location.getColumnNr());
    }

    private SlipwayException error(JsonLocation location, String message)
    {
        return new SlipwayException(ErrorCode.INVALID_CONFIG, origin(location) + ": " + message);
    }

    private SlipwayException syntaxError(JsonProcessingException e)
    {
        if (e.getCause() instanceof MarkedYAMLException yamlError && yamlError.getProblemMark() != null) {
            Mark mark = yamlError.getProblemMark();
            String problem = Optional.ofNullable(yamlError.getProblem()).orElse(yamlError.getMessage());
            String context = yamlError.getContext() == null ? "" : " (" + yamlError.getContext() + ")";
            return new SlipwayException(ErrorCode.INVALID_CONFIG,
                    ConfigOrigin.file(file, mark.getLine() + 1, mark.getColumn() + 1) + ": invalid YAML: " + problem + context, e);
        }
        JsonLocation location = e.getLocation();
        String message = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML");
        if (location == null) {
            return new SlipwayException(ErrorCode.INVALID_CONFIG, file + ": invalid YAML: " + message, e);
        }
        return new SlipwayException(ErrorCode.INVALID_CONFIG, origin(location) + ": invalid YAML: " + message, e);
    }

    private static String describe(JsonToken token)
    {
        return switch (token) {
            case START_ARRAY -> "a list";
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_EMBEDDED_OBJECT -> "a single value";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /**
     * The tree and where each of its keys and values stands in the file. Paths are dotted ({@code server.port}),
     * list items indexed ({@code names[0]}).
     */
    record Document(ObjectNode root, Map<String, ConfigOrigin> keyOrigins, Map<String, ConfigOrigin> valueOrigins)
    {
        Document
        {
            requireNonNull(root, "root is null");
            keyOrigins = new HashMap<>(keyOrigins);
            valueOrigins = new HashMap<>(valueOrigins);
        }
    }
}
