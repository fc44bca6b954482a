package dev.slipway.server.buildspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.slipway.server.buildspec.BuildspecTestFiles.files;
import static dev.slipway.server.buildspec.BuildspecTestFiles.resourceDirectory;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code buildspec.schema.json} checked with a real draft-07 validator: it is a valid draft-07 schema, every
 * buildspec the parser accepts passes it (read the YAML 1.1 way, as SnakeYAML does, and the YAML 1.2 way, as Jackson
 * and most editors do), it rejects the invalid buildspecs whose errors a schema can express, and every key has a
 * description for editors to show.
 */
class BuildspecSchemaTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML_1_2 = new YAMLMapper();
    /**
     * Invalid golden files that never reach a schema: invalid YAML, several documents, an alias bomb, and a recursive
     * alias (which has no JSON form).
     */
    private static final Set<String> NOT_JSON = Set.of(
            "alias-bomb.yml", "bad-indentation.yml", "multiple-documents.yml", "recursive-alias.yml", "tab-indentation.yml",
            "unclosed-quote.yml", "unquoted-colon-in-value.yml");

    private final BuildspecSchema buildspecSchema = new BuildspecSchema();
    private final Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(readJson(buildspecSchema.json()));

    static List<Path> acceptedBuildspecs()
    {
        List<Path> files = new ArrayList<>(BuildspecCorpusTest.validCorpus());
        files.addAll(files(resourceDirectory("buildspec/valid"), ".yml"));
        return files;
    }

    static List<Path> schemaInvalidBuildspecs()
    {
        return files(resourceDirectory("buildspec/invalid"), ".yml").stream()
                .filter(file -> !NOT_JSON.contains(file.getFileName().toString()))
                .toList();
    }

    @Test
    void schemaIsAValidDraft07Schema()
    {
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));

        assertThat(metaSchema.validate(readJson(buildspecSchema.json()))).isEmpty();
        assertThat(readJson(buildspecSchema.json()).path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedBuildspecs")
    void everyBuildspecTheParserAcceptsPassesTheSchema(Path file)
            throws IOException
    {
        assertThat(new BuildspecParser().parse(file).hasErrors()).isFalse();

        assertThat(messages(schema.validate(yaml11(file)))).as("read as YAML 1.1").isEmpty();
        if (!Files.readString(file).contains("<<:")) {
            // Jackson reads YAML 1.2 (yes is text, 010 is 10) and has no merge keys.
            assertThat(messages(schema.validate(YAML_1_2.readTree(file.toFile())))).as("read as YAML 1.2").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaInvalidBuildspecs")
    void schemaRejectsTheInvalidBuildspecsItCanDescribe(Path file)
            throws IOException
    {
        assertThat(schema.validate(yaml11(file))).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "phases: {build: {commands: [make]}}",
            "version: 0.3\nphases: {build: {commands: [make]}}",
            "version: 0.2\nenv: {variables: {A: b}}",
            "version: 0.2\nphases: {test: {commands: [make]}}",
            "version: 0.2\nphases: {build: {on-failure: RETRY-101, commands: [make]}}",
            "version: 0.2\nphases: {build: {on-failure: IGNORE, commands: [make]}}",
            "version: 0.2\nphases: {build: {commands: [{echo hi: null}]}}",
            "version: 0.2\nproxy: {logs: maybe}",
            "version: 0.2\nenv: {shell: zsh}\nphases: {build: {commands: [make]}}",
            "version: 0.2\nenv: {exported-variables: [AWS_REGION]}\nphases: {build: {commands: [make]}}",
            "version: 0.2\nartifacts: {name: x}\nphases: {build: {commands: [make]}}",
            "version: 0.2\ncache: {action: both}\nphases: {build: {commands: [make]}}",
            "version: 0.2\nbatch: {fast-fail: true}",
            "version: 0.2\nbatch: {build-fanout: {parallelism: 101}}",
            "version: 0.2\nbatch: {build-list: [{buildspec: a.yml}]}"})
    void schemaRejectsInvalidValues(String yaml)
    {
        assertThat(schema.validate(YAML_1_2.valueToTree(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml)))).isNotEmpty();
    }

    @Test
    void everyKeyHasADescription()
    {
        JsonNode root = readJson(buildspecSchema.json());
        List<String> missing = new ArrayList<>();
        collectMissingDescriptions(root, "#", missing);

        assertThat(missing).isEmpty();
        assertThat(root.path("definitions").size()).isGreaterThan(5);
    }

    @Test
    void schemaIsServedAsUtf8Json()
    {
        byte[] bytes = buildspecSchema.bytes();
        bytes[0] = 'x';

        assertThat(buildspecSchema.bytes()[0]).isEqualTo((byte) '{');
        assertThat(new String(buildspecSchema.bytes(), StandardCharsets.UTF_8)).isEqualTo(buildspecSchema.json());
        assertThat(BuildspecSchema.MEDIA_TYPE).isEqualTo("application/schema+json");
    }

    /** Every schema under properties and definitions describes itself; so does every inline (non-$ref) value schema. */
    private static void collectMissingDescriptions(JsonNode schema, String path, List<String> missing)
    {
        if (!schema.isObject()) {
            return;
        }
        for (String keyword : List.of("properties", "definitions")) {
            for (Map.Entry<String, JsonNode> field : schema.path(keyword).properties()) {
                if (field.getValue().path("description").asText().isBlank()) {
                    missing.add(path + "/" + keyword + "/" + field.getKey());
                }
                collectMissingDescriptions(field.getValue(), path + "/" + keyword + "/" + field.getKey(), missing);
            }
        }
        for (String keyword : List.of("additionalProperties", "items")) {
            JsonNode value = schema.path(keyword);
            if (value.isObject()) {
                if (!value.has("$ref") && value.path("description").asText().isBlank()) {
                    missing.add(path + "/" + keyword);
                }
                collectMissingDescriptions(value, path + "/" + keyword, missing);
            }
        }
        for (String keyword : List.of("anyOf", "oneOf", "allOf")) {
            for (JsonNode branch : schema.path(keyword)) {
                collectMissingDescriptions(branch, path + "/" + keyword, missing);
            }
        }
    }

    private static JsonNode yaml11(Path file)
            throws IOException
    {
        String text = Files.readString(file);
        LoaderOptions options = new LoaderOptions();
        // The duplicate-keys golden file has them on purpose; SnakeYAML would print a warning for each.
        options.setWarnOnDuplicateKeys(false);
        Object document = new Yaml(new SafeConstructor(options)).load(text.startsWith("\uFEFF") ? text.substring(1) : text);
        return document == null ? NullNode.getInstance() : JSON.valueToTree(document);
    }

    private static List<String> messages(List<Error> errors)
    {
        return errors.stream().map(Error::toString).toList();
    }

    private static JsonNode readJson(String json)
    {
        try {
            return JSON.readTree(json);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
