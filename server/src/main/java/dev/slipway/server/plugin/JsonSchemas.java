package dev.slipway.server.plugin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.slipway.api.config.ConfigProperty;
import dev.slipway.api.config.ConfigSchema;

/**
 * An extension's {@link ConfigSchema} as JSON Schema (draft 2020-12), the form the console renders and the API returns
 * (contracts.md): every property has {@code title} and {@code description}, {@code default} when it has one, and
 * {@code x-slipway-type} with the {@link dev.slipway.api.config.PropertyType} name.
 */
public final class JsonSchemas
{
    public static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

    private JsonSchemas() {}

    /** @return a new, mutable-free map tree (maps, lists, strings, numbers, booleans) */
    public static Map<String, Object> of(ConfigSchema schema)
    {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (ConfigProperty property : schema.properties()) {
            properties.put(property.key(), property(property));
            if (property.required()) {
                required.add(property.key());
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("$schema", DRAFT);
        json.put("type", "object");
        json.put("properties", properties);
        json.put("required", required);
        json.put("additionalProperties", false);
        return json;
    }

    private static Map<String, Object> property(ConfigProperty property)
    {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (property.type()) {
            case STRING -> {
                json.put("type", "string");
                property.pattern().ifPresent(pattern -> json.put("pattern", pattern.pattern()));
            }
            case SECRET -> {
                json.put("type", "string");
                json.put("format", "password");
                json.put("writeOnly", true);
            }
            case INTEGER -> {
                json.put("type", "integer");
                property.minimum().ifPresent(minimum -> json.put("minimum", minimum));
                property.maximum().ifPresent(maximum -> json.put("maximum", maximum));
            }
            case BOOLEAN -> json.put("type", "boolean");
            case DURATION -> {
                json.put("type", "string");
                json.put("format", "duration");
            }
            case ENUM -> {
                json.put("type", "string");
                json.put("enum", property.allowedValues());
            }
            case STRING_LIST -> {
                json.put("type", "array");
                json.put("items", Map.of("type", "string"));
            }
        }
        json.put("title", property.label());
        json.put("description", property.description());
        property.defaultValue().ifPresent(value -> json.put("default", value instanceof Duration duration ? duration.toString() : value));
        json.put("x-slipway-type", property.type().name());
        return json;
    }
}
