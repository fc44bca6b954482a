package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import dev.slipway.api.config.Secret;

/**
 * One key of {@code slipway.yml}, derived from the config records: a section (a record component whose type is a
 * record) or a value. The tree of keys is what the loader checks unknown keys against and maps {@code SLIPWAY_*}
 * environment variables to, so adding a record component is all it takes to add a key.
 */
final class ConfigKey
{
    private static final PropertyNamingStrategies.KebabCaseStrategy KEBAB = new PropertyNamingStrategies.KebabCaseStrategy();

    private final String path;
    private final String name;
    private final Type type;
    private final Map<String, ConfigKey> children;

    private ConfigKey(String path, String name, Type type, Map<String, ConfigKey> children)
    {
        this.path = requireNonNull(path, "path is null");
        this.name = requireNonNull(name, "name is null");
        this.type = requireNonNull(type, "type is null");
        this.children = Collections.unmodifiableMap(children);
    }

    /** The key tree of a config record; the root has an empty path. */
    static ConfigKey root(Class<? extends Record> type)
    {
        return section("", "", type);
    }

    private static ConfigKey section(String path, String name, Class<?> type)
    {
        Map<String, ConfigKey> children = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String childName = KEBAB.translate(component.getName());
            String childPath = path.isEmpty() ? childName : path + "." + childName;
            if (component.getType().isRecord()) {
                children.put(childName, section(childPath, childName, component.getType()));
            }
            else {
                children.put(childName, new ConfigKey(childPath, childName, component.getGenericType(), Map.of()));
            }
        }
        return new ConfigKey(path, name, type, children);
    }

    /** @return the dotted path, e.g. {@code server.port}; empty for the root */
    String path()
    {
        return path;
    }

    /** @return the last segment of the path, e.g. {@code port} */
    String name()
    {
        return name;
    }

    /** @return the Java type of the value or section, to bind it on its own */
    Type type()
    {
        return type;
    }

    boolean isSection()
    {
        return !children.isEmpty();
    }

    /** @return true for a key whose value is a mapping of names to settings ({@code executors}), which has no environment variable */
    boolean isNamedMapping()
    {
        Type raw = type instanceof ParameterizedType parameterized ? parameterized.getRawType() : type;
        return raw == Map.class;
    }

    Optional<ConfigKey> child(String name)
    {
        return Optional.ofNullable(children.get(name));
    }

    /** @return the keys of a section in declaration order */
    List<String> childNames()
    {
        return List.copyOf(children.keySet());
    }

    /** @return every value key below this one, depth first in declaration order */
    List<ConfigKey> leaves()
    {
        List<ConfigKey> leaves = new ArrayList<>();
        for (ConfigKey child : children.values()) {
            if (child.isSection()) {
                leaves.addAll(child.leaves());
            }
            else {
                leaves.add(child);
            }
        }
        return leaves;
    }

    /** @return {@code SLIPWAY_} and the path in upper case with {@code .} and {@code -} as {@code _}: {@code SLIPWAY_SERVER_PORT} */
    String environmentVariable()
    {
        return "SLIPWAY_" + path.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** @return what a value of this key must look like, for error messages ("a whole number") */
    String expectation()
    {
        if (isSection()) {
            return "a mapping with the keys " + String.join(", ", childNames());
        }
        Type valueType = type;
        if (valueType instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
            valueType = parameterized.getActualTypeArguments()[0];
        }
        if (valueType == int.class || valueType == Integer.class || valueType == long.class || valueType == Long.class) {
            return "a whole number";
        }
        if (valueType == boolean.class || valueType == Boolean.class) {
            return "true or false";
        }
        if (valueType == Duration.class) {
            return "a duration such as 30s, 5m, 2h or PT30S";
        }
        if (valueType == Path.class) {
            return "a file system path";
        }
        if (valueType == String.class || valueType == Secret.class) {
            return "text";
        }
        if (isNamedMapping()) {
            return "a mapping of names to settings";
        }
        return "a value of type " + valueType.getTypeName();
    }

    @Override
    public String toString()
    {
        return path;
    }
}
