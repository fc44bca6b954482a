package dev.slipway.server.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * {@code slipway run --secrets-file FILE}: the values of {@code parameter-store} and {@code secrets-manager}
 * references, kept out of the command line (and so out of the shell's history and {@code ps}). YAML:
 * <pre>
 * parameters:
 *   /prod/db/password: s3cr3t
 * secrets:
 *   prod/api: '{"key": "k-123"}'
 * </pre>
 */
final class SecretsFile
{
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Values(Map<String, String> parameters, Map<String, String> secrets) {}

    private SecretsFile() {}

    static Values read(Path file)
            throws RunSetupException
    {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        }
        catch (NoSuchFileException e) {
            throw new RunSetupException("the secrets file " + file + " does not exist");
        }
        catch (JsonProcessingException e) {
            throw new RunSetupException("the secrets file " + file + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        catch (IOException e) {
            throw new RunSetupException("cannot read the secrets file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Values(Map.of(), Map.of());
        }
        if (!root.isObject()) {
            throw new RunSetupException("the secrets file " + file + " must be a mapping with 'parameters' and 'secrets'");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("parameters") && !name.equals("secrets")) {
                throw new RunSetupException("the secrets file " + file + " has an unknown key '" + name + "'; the keys are 'parameters' and 'secrets'");
            }
        }
        return new Values(strings(root.path("parameters"), "parameters", file), strings(root.path("secrets"), "secrets", file));
    }

    private static Map<String, String> strings(JsonNode node, String section, Path file)
            throws RunSetupException
    {
        Map<String, String> values = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (!node.isObject()) {
            throw new RunSetupException("'" + section + "' in the secrets file " + file + " must map names to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                // The value itself is never printed: it is a secret.
                throw new RunSetupException("'" + section + "." + field.getKey() + "' in the secrets file " + file
                        + " must be text; write JSON secrets as a quoted string");
            }
            values.put(field.getKey(), field.getValue().asText());
        }
        return values;
    }
}
