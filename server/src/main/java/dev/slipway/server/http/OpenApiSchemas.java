package dev.slipway.server.http;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * JSON schemas (OpenAPI 3.0 flavour) for the Java types the API returns. Records become named object schemas in
 * {@code components/schemas}; {@code Optional} makes a value nullable; maps with string keys become objects with
 * {@code additionalProperties}. Anything else is an unconstrained value.
 */
final class OpenApiSchemas
{
    private final Map<String, Object> components = new TreeMap<>();
    private final Map<Class<?>, String> names = new LinkedHashMap<>();

    Map<String, Object> components()
    {
        return components;
    }

    Map<String, Object> schemaOf(Type type)
    {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == Optional.class) {
                return nullable(schemaOf(arguments[0]));
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return ordered("type", "array", "items", schemaOf(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return ordered("type", "object", "additionalProperties", arguments[1] == Object.class ? true : schemaOf(arguments[1]));
            }
            return schemaOf(raw);
        }
        if (type instanceof GenericArrayType array) {
            return ordered("type", "array", "items", schemaOf(array.getGenericComponentType()));
        }
        if (!(type instanceof Class<?> raw)) {
            return ordered();
        }
        if (raw == String.class || raw == char.class || raw == Character.class || raw == Path.class) {
            return ordered("type", "string");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return ordered("type", "boolean");
        }
        if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class || raw == byte.class || raw == Byte.class) {
            return ordered("type", "integer", "format", "int32");
        }
        if (raw == long.class || raw == Long.class) {
            return ordered("type", "integer", "format", "int64");
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class || Number.class.isAssignableFrom(raw)) {
            return ordered("type", "number");
        }
        if (raw == Instant.class || raw == OffsetDateTime.class) {
            return ordered("type", "string", "format", "date-time");
        }
        if (raw == LocalDate.class) {
            return ordered("type", "string", "format", "date");
        }
        if (raw == Duration.class) {
            return ordered("type", "string", "format", "duration");
        }
        if (raw == UUID.class) {
            return ordered("type", "string", "format", "uuid");
        }
        if (raw == URI.class) {
            return ordered("type", "string", "format", "uri");
        }
        if (raw.isEnum()) {
            return ordered("type", "string", "enum", Arrays.stream(raw.getEnumConstants()).map(Object::toString).toList());
        }
        if (raw == byte[].class) {
            // Raw bytes sent as they are (a file), not a JSON array of numbers.
            return ordered("type", "string", "format", "binary");
        }
        if (raw.isArray()) {
            return ordered("type", "array", "items", schemaOf(raw.getComponentType()));
        }
        if (raw.isRecord()) {
            return ordered("$ref", "#/components/schemas/" + recordSchema(raw));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return ordered("type", "object");
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return ordered("type", "array", "items", ordered());
        }
        return ordered();
    }

    private String recordSchema(Class<?> record)
    {
        String known = names.get(record);
        if (known != null) {
            return known;
        }
        // Names without Java packages: a nested record that shares its simple name with another gets its enclosing
        // classes' names in front (ProjectJsonVariableJson), then a number if even that is taken.
        String name = record.getSimpleName();
        for (Class<?> outer = record.getEnclosingClass(); components.containsKey(name) && outer != null; outer = outer.getEnclosingClass()) {
            name = outer.getSimpleName() + name;
        }
        String base = name;
        for (int number = 2; components.containsKey(name); number++) {
            name = base + number;
        }
        names.put(record, name);
        // Reserve the name before descending, so that recursive records terminate.
        components.put(name, ordered());
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new java.util.ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            String property = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
            properties.put(property, schemaOf(component.getGenericType()));
            if (!OpenApiGenerator.isParameterized(component.getGenericType(), Optional.class)) {
                required.add(property);
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        components.put(name, schema);
        return name;
    }

    /** A map that keeps its keys in the order given, so that the document reads the same every time. */
    static Map<String, Object> ordered(Object... keysAndValues)
    {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> nullable(Map<String, Object> schema)
    {
        if (schema.containsKey("$ref")) {
            return ordered("allOf", List.of(schema), "nullable", true);
        }
        Map<String, Object> copy = new LinkedHashMap<>(schema);
        copy.put("nullable", true);
        return copy;
    }
}
