package dev.slipway.server.build.engine;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the {@code json-key} of a {@code secrets-manager} reference from the secret's text. */
final class SecretJson
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SecretJson() {}

    /** @return the key's value (text as is, other JSON as JSON text), or empty if the text is not a JSON object with that key */
    static Optional<String> field(String secretText, String key)
    {
        JsonNode node;
        try {
            node = MAPPER.readTree(secretText);
        }
        catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || !node.has(key) || node.get(key).isNull()) {
            return Optional.empty();
        }
        JsonNode value = node.get(key);
        return Optional.of(value.isTextual() ? value.textValue() : value.toString());
    }
}
