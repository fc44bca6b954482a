package dev.slipway.api.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class BoundConfigValues
        implements ConfigValues
{
    private final ConfigSchema schema;
    private final Map<String, Object> values;

    BoundConfigValues(ConfigSchema schema, Map<String, Object> values)
    {
        this.schema = schema;
        this.values = Map.copyOf(values);
    }

    @Override
    public ConfigSchema schema()
    {
        return schema;
    }

    @Override
    public Set<String> keys()
    {
        return values.keySet();
    }

    @Override
    public String getString(String key)
    {
        return require(key, String.class, PropertyType.STRING, PropertyType.ENUM);
    }

    @Override
    public Optional<String> findString(String key)
    {
        return find(key, String.class, PropertyType.STRING, PropertyType.ENUM);
    }

    @Override
    public int getInt(String key)
    {
        return require(key, Integer.class, PropertyType.INTEGER);
    }

    @Override
    public Optional<Integer> findInt(String key)
    {
        return find(key, Integer.class, PropertyType.INTEGER);
    }

    @Override
    public boolean getBoolean(String key)
    {
        return require(key, Boolean.class, PropertyType.BOOLEAN);
    }

    @Override
    public Duration getDuration(String key)
    {
        return require(key, Duration.class, PropertyType.DURATION);
    }

    @Override
    public Optional<Duration> findDuration(String key)
    {
        return find(key, Duration.class, PropertyType.DURATION);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> getStringList(String key)
    {
        return find(key, List.class, PropertyType.STRING_LIST).map(list -> (List<String>) list).orElse(List.of());
    }

    @Override
    public Secret getSecret(String key)
    {
        return require(key, Secret.class, PropertyType.SECRET);
    }

    @Override
    public Optional<Secret> findSecret(String key)
    {
        return find(key, Secret.class, PropertyType.SECRET);
    }

    @Override
    public Map<String, Object> toDisplayMap()
    {
        Map<String, Object> display = new LinkedHashMap<>();
        for (ConfigProperty property : schema.properties()) {
            Object value = values.get(property.key());
            if (value == null) {
                continue;
            }
            if (value instanceof Secret) {
                display.put(property.key(), Secret.MASK);
            }
            else if (value instanceof Duration duration) {
                display.put(property.key(), duration.toString());
            }
            else {
                display.put(property.key(), value);
            }
        }
        return display;
    }

    private <T> T require(String key, Class<T> javaType, PropertyType... types)
    {
        return find(key, javaType, types).orElseThrow(() -> new IllegalStateException("Configuration property '" + key + "' has no value"));
    }

    private <T> Optional<T> find(String key, Class<T> javaType, PropertyType... types)
    {
        ConfigProperty property = schema.property(key)
                .orElseThrow(() -> new IllegalArgumentException("Configuration key '" + key + "' is not declared in the schema " + schema));
        boolean typeMatches = false;
        for (PropertyType type : types) {
            typeMatches |= property.type() == type;
        }
        if (!typeMatches) {
            throw new IllegalArgumentException("Configuration property '" + key + "' is of type " + property.type() + ", not " + List.of(types));
        }
        return Optional.ofNullable(values.get(key)).map(javaType::cast);
    }

    @Override
    public String toString()
    {
        return toDisplayMap().toString();
    }
}
