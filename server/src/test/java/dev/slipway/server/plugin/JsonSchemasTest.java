package dev.slipway.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.slipway.api.config.ConfigSchema;

class JsonSchemasTest
{
    @Test
    void anEmptySchemaAcceptsNoProperties()
    {
        assertThat(JsonSchemas.of(ConfigSchema.empty())).isEqualTo(Map.of(
                "$schema", "https://json-schema.org/draft/2020-12/schema",
                "type", "object",
                "properties", Map.of(),
                "required", List.of(),
                "additionalProperties", false));
    }

    @Test
    void mapsEachPropertyTypeAsContractsMdSays()
    {
        ConfigSchema schema = ConfigSchema.builder()
                .string("root-directory").label("Root directory").description("Where").pattern("/.*").add()
                .secret("token").add()
                .integer("retries").range(1, 5).add()
                .bool("fsync").defaultValue(true).add()
                .duration("timeout").defaultValue("5m").add()
                .enumeration("mode", "fast", "safe").required().add()
                .stringList("tags").add()
                .build();

        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) JsonSchemas.of(schema).get("properties");

        assertThat(properties.get("root-directory")).isEqualTo(Map.of("type", "string", "pattern", "/.*", "title", "Root directory",
                "description", "Where", "x-slipway-type", "STRING"));
        assertThat(properties.get("token")).isEqualTo(Map.of("type", "string", "format", "password", "writeOnly", true, "title", "token",
                "description", "", "x-slipway-type", "SECRET"));
        assertThat(properties.get("retries")).isEqualTo(Map.of("type", "integer", "minimum", 1L, "maximum", 5L, "title", "retries",
                "description", "", "x-slipway-type", "INTEGER"));
        assertThat(properties.get("fsync")).isEqualTo(Map.of("type", "boolean", "title", "fsync", "description", "", "default", true,
                "x-slipway-type", "BOOLEAN"));
        assertThat(properties.get("timeout")).isEqualTo(Map.of("type", "string", "format", "duration", "title", "timeout", "description", "",
                "default", "PT5M", "x-slipway-type", "DURATION"));
        assertThat(properties.get("mode")).isEqualTo(Map.of("type", "string", "enum", List.of("fast", "safe"), "title", "mode", "description", "",
                "x-slipway-type", "ENUM"));
        assertThat(properties.get("tags")).isEqualTo(Map.of("type", "array", "items", Map.of("type", "string"), "title", "tags", "description", "",
                "x-slipway-type", "STRING_LIST"));
        assertThat(JsonSchemas.of(schema).get("required")).isEqualTo(List.of("mode"));
        assertThat(List.copyOf(properties.keySet())).containsExactly("root-directory", "token", "retries", "fsync", "timeout", "mode", "tags");
    }
}
