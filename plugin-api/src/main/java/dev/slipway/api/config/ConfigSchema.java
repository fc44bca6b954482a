package dev.slipway.api.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;

/**
 * The typed description of an extension's configuration (compare Kafka Connect's {@code ConfigDef} and
 * Keycloak's provider config properties). The server checks a configuration against it, the console renders a
 * form from it, and the REST API exports it as JSON Schema.
 *
 * <pre>{@code
 * static final ConfigSchema SCHEMA = ConfigSchema.builder()
 *         .string("url").label("Webhook URL").required().description("Endpoint that receives the event JSON").add()
 *         .secret("token").label("Bearer token").add()
 *         .integer("timeout-seconds").defaultValue(10).range(1, 120).add()
 *         .build();
 * }</pre>
 *
 * <p>Keys are kebab-case ({@code [a-z][a-z0-9]*(-[a-z0-9]+)*}) and unique; a schema that breaks this is a
 * programming error and {@link Builder#build()} throws {@link IllegalArgumentException}.
 *
 * @since 0.1
 */
public final class ConfigSchema
{
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final ConfigSchema EMPTY = new ConfigSchema(List.of());

    private final Map<String, ConfigProperty> properties;

    private ConfigSchema(List<ConfigProperty> properties)
    {
        Map<String, ConfigProperty> byKey = new LinkedHashMap<>();
        for (ConfigProperty property : properties) {
            if (byKey.putIfAbsent(property.key(), property) != null) {
                throw new IllegalArgumentException("Duplicate configuration key: " + property.key());
            }
        }
        this.properties = byKey;
    }

    /** @return a schema with no properties @since 0.1 */
    public static ConfigSchema empty()
    {
        return EMPTY;
    }

    /** @since 0.1 */
    public static Builder builder()
    {
        return new Builder();
    }

    /** @return the properties in declaration order @since 0.1 */
    public List<ConfigProperty> properties()
    {
        return List.copyOf(properties.values());
    }

    /** @since 0.1 */
    public Optional<ConfigProperty> property(String key)
    {
        return Optional.ofNullable(properties.get(key));
    }

    /**
     * Checks raw values (as read from YAML, JSON or a form) against this schema: unknown keys, missing required
     * keys, values that cannot be converted to their type, ranges, allowed values and patterns. Never throws for
     * bad input.
     *
     * @param raw values keyed by property key; values may be strings, numbers, booleans or lists
     * @since 0.1
     */
    public ValidationResult validate(Map<String, ?> raw)
    {
        ValidationResult.Builder issues = ValidationResult.builder();
        convert(raw, issues);
        return issues.build();
    }

    /**
     * Converts raw values into typed {@link ConfigValues}, applying defaults.
     *
     * @throws SlipwayException with {@link ErrorCode#INVALID_CONFIG} and one detail per problem
     *         ({@code "url: is required"}) if {@link #validate} finds an error
     * @since 0.1
     */
    public ConfigValues bind(Map<String, ?> raw)
    {
        ValidationResult.Builder issues = ValidationResult.builder();
        Map<String, Object> values = convert(raw, issues);
        ValidationResult result = issues.build();
        if (!result.isValid()) {
            List<String> details = result.errors().stream().map(ValidationIssue::toString).toList();
            throw new SlipwayException(ErrorCode.INVALID_CONFIG, "Invalid configuration: " + String.join("; ", details), details);
        }
        return new BoundConfigValues(this, values);
    }

    private Map<String, Object> convert(Map<String, ?> raw, ValidationResult.Builder issues)
    {
        Objects.requireNonNull(raw, "raw is null");
        for (String key : raw.keySet()) {
            if (!properties.containsKey(key)) {
                issues.error(String.valueOf(key), "unknown key; known keys are " + properties.keySet());
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigProperty property : properties.values()) {
            Object value = raw.get(property.key());
            if (value == null) {
                if (property.required()) {
                    issues.error(property.key(), "is required");
                }
                else {
                    property.defaultValue().ifPresent(defaultValue -> values.put(property.key(), defaultValue));
                }
                continue;
            }
            try {
                Object converted = convertValue(property, value);
                checkConstraints(property, converted).ifPresent(problem -> issues.error(property.key(), problem));
                values.put(property.key(), converted);
            }
            catch (IllegalArgumentException e) {
                issues.error(property.key(), e.getMessage());
            }
        }
        return values;
    }

    static Object convertValue(ConfigProperty property, Object value)
    {
        return switch (property.type()) {
            case STRING, ENUM -> scalarText(value);
            case SECRET -> value instanceof Secret secret ? secret : Secret.of(scalarText(value));
            case INTEGER -> toInteger(value);
            case BOOLEAN -> toBoolean(value);
            case DURATION -> toDuration(value);
            case STRING_LIST -> toStringList(value);
        };
    }

    private static String scalarText(Object value)
    {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException("must be a single value, not " + describe(value));
    }

    private static Integer toInteger(Object value)
    {
        if (value instanceof Integer integer) {
            return integer;
        }
        if (value instanceof Long || value instanceof Short || value instanceof Byte) {
            long number = ((Number) value).longValue();
            if (number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
                return (int) number;
            }
            throw new IllegalArgumentException("must be a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + ", was " + value);
        }
        if (value instanceof String text) {
            try {
                return Integer.parseInt(text.trim());
            }
            catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number, was '" + text + "'");
            }
        }
        throw new IllegalArgumentException("must be a whole number, not " + describe(value));
    }

    private static Boolean toBoolean(Object value)
    {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof String text) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "y" -> {
                    return true;
                }
                case "false", "no", "off", "n" -> {
                    return false;
                }
                default -> { }
            }
            throw new IllegalArgumentException("must be true or false (or yes/no), was '" + text + "'");
        }
        throw new IllegalArgumentException("must be true or false, not " + describe(value));
    }

    private static Duration toDuration(Object value)
    {
        if (value instanceof Duration duration) {
            return duration;
        }
        if (value instanceof Integer || value instanceof Long) {
            return Duration.ofSeconds(((Number) value).longValue());
        }
        if (value instanceof String text) {
            String trimmed = text.trim().toLowerCase(Locale.ROOT);
            Matcher matcher = SHORT_DURATION.matcher(trimmed);
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            try {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            catch (DateTimeParseException e) {
                throw new IllegalArgumentException("must be a duration such as 30s, 5m, 2h or PT30S, was '" + text + "'");
            }
        }
        throw new IllegalArgumentException("must be a duration such as 30s or 5m, not " + describe(value));
    }

    private static List<String> toStringList(Object value)
    {
        if (value instanceof Collection<?> collection) {
            List<String> items = new ArrayList<>(collection.size());
            int index = 0;
            for (Object item : collection) {
                if (item == null) {
                    throw new IllegalArgumentException("item " + index + " is empty");
                }
                items.add(scalarText(item));
                index++;
            }
            return List.copyOf(items);
        }
        return List.of(scalarText(value));
    }

    private static Optional<String> checkConstraints(ConfigProperty property, Object value)
    {
        switch (property.type()) {
            case INTEGER -> {
                long number = (Integer) value;
                if (property.minimum().isPresent() && number < property.minimum().getAsLong()
                        || property.maximum().isPresent() && number > property.maximum().getAsLong()) {
                    return Optional.of("must be between " + bound(property.minimum().isPresent() ? property.minimum().getAsLong() : null)
                            + " and " + bound(property.maximum().isPresent() ? property.maximum().getAsLong() : null) + ", was " + number);
                }
            }
            case DURATION -> {
                long seconds = ((Duration) value).getSeconds();
                if (((Duration) value).isNegative()) {
                    return Optional.of("must not be negative");
                }
                if (property.minimum().isPresent() && seconds < property.minimum().getAsLong()
                        || property.maximum().isPresent() && seconds > property.maximum().getAsLong()) {
                    return Optional.of("must be between " + property.minimum().orElse(0) + "s and "
                            + (property.maximum().isPresent() ? property.maximum().getAsLong() + "s" : "unbounded") + ", was " + value);
                }
            }
            case ENUM -> {
                if (!property.allowedValues().contains(value)) {
                    return Optional.of("must be one of " + property.allowedValues() + ", was '" + value + "'");
                }
            }
            case STRING -> {
                if (property.pattern().isPresent() && !property.pattern().get().matcher((String) value).matches()) {
                    return Optional.of("must match " + property.pattern().get().pattern() + ", was '" + value + "'");
                }
            }
            case SECRET, BOOLEAN, STRING_LIST -> { }
        }
        return Optional.empty();
    }

    private static String bound(Long value)
    {
        return value == null ? "unbounded" : value.toString();
    }

    private static String describe(Object value)
    {
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof Collection<?>) {
            return "a list";
        }
        return "a " + value.getClass().getSimpleName();
    }

    @Override
    public String toString()
    {
        return "ConfigSchema" + properties.values();
    }

    /**
     * Builds a {@link ConfigSchema}: start a property with a typed method, describe it, and finish it with
     * {@link PropertyBuilder#add()}.
     *
     * @since 0.1
     */
    public static final class Builder
    {
        private final List<ConfigProperty> properties = new ArrayList<>();

        private Builder() {}

        /** @since 0.1 */
        public PropertyBuilder string(String key)
        {
            return new PropertyBuilder(this, key, PropertyType.STRING);
        }

        /** @since 0.1 */
        public PropertyBuilder secret(String key)
        {
            return new PropertyBuilder(this, key, PropertyType.SECRET);
        }

        /** @since 0.1 */
        public PropertyBuilder integer(String key)
        {
            return new PropertyBuilder(this, key, PropertyType.INTEGER);
        }

        /** @since 0.1 */
        public PropertyBuilder bool(String key)
        {
            return new PropertyBuilder(this, key, PropertyType.BOOLEAN);
        }

        /** @since 0.1 */
        public PropertyBuilder duration(String key)
        {
            return new PropertyBuilder(this, key, PropertyType.DURATION);
        }

        /** @since 0.1 */
        public PropertyBuilder enumeration(String key, String... allowedValues)
        {
            PropertyBuilder builder = new PropertyBuilder(this, key, PropertyType.ENUM);
            builder.allowedValues = List.of(allowedValues);
            return builder;
        }

        /** @since 0.1 */
        public PropertyBuilder stringList(String key)
        {
            return new PropertyBuilder(this, key, PropertyType.STRING_LIST);
        }

        /**
         * @throws IllegalArgumentException if a key is not kebab-case or is used twice
         * @since 0.1
         */
        public ConfigSchema build()
        {
            return new ConfigSchema(properties);
        }
    }

    /**
     * Describes one property; {@link #add()} returns to the schema builder.
     *
     * @since 0.1
     */
    public static final class PropertyBuilder
    {
        private final Builder parent;
        private final String key;
        private final PropertyType type;
        private String label;
        private String description = "";
        private boolean required;
        private Object defaultValue;
        private Long minimum;
        private Long maximum;
        private List<String> allowedValues = List.of();
        private Pattern pattern;

        private PropertyBuilder(Builder parent, String key, PropertyType type)
        {
            this.parent = parent;
            this.key = Objects.requireNonNull(key, "key is null");
            this.type = type;
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("Configuration key must be kebab-case (" + KEY.pattern() + "): " + key);
            }
        }

        /** @since 0.1 */
        public PropertyBuilder label(String label)
        {
            this.label = Objects.requireNonNull(label, "label is null");
            return this;
        }

        /** @since 0.1 */
        public PropertyBuilder description(String description)
        {
            this.description = Objects.requireNonNull(description, "description is null");
            return this;
        }

        /** @since 0.1 */
        public PropertyBuilder required()
        {
            this.required = true;
            return this;
        }

        /**
         * The value used when none is given; converted and checked like a given value.
         *
         * @throws IllegalArgumentException if it does not fit the type, or the property is a secret
         * @since 0.1
         */
        public PropertyBuilder defaultValue(Object defaultValue)
        {
            if (type == PropertyType.SECRET) {
                throw new IllegalArgumentException("Secret property '" + key + "' cannot have a default value");
            }
            this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue is null");
            return this;
        }

        /** Inclusive bounds for integers, or for durations in seconds. @since 0.1 */
        public PropertyBuilder range(long minimum, long maximum)
        {
            if (minimum > maximum) {
                throw new IllegalArgumentException("minimum " + minimum + " is greater than maximum " + maximum + " for '" + key + "'");
            }
            this.minimum = minimum;
            this.maximum = maximum;
            return this;
        }

        /** A regular expression that a string value must match in full. @since 0.1 */
        public PropertyBuilder pattern(String regex)
        {
            this.pattern = Pattern.compile(regex);
            return this;
        }

        /** Finishes this property and returns to the schema builder. @since 0.1 */
        public Builder add()
        {
            if (type == PropertyType.ENUM && allowedValues.isEmpty()) {
                throw new IllegalArgumentException("Enumeration property '" + key + "' needs allowed values");
            }
            ConfigProperty property = new ConfigProperty(key, type, label == null ? key : label, description, required, null,
                    minimum, maximum, allowedValues, pattern);
            Object converted = null;
            if (defaultValue != null) {
                converted = convertValue(property, defaultValue);
                Optional<String> problem = checkConstraints(property, converted);
                if (problem.isPresent()) {
                    throw new IllegalArgumentException("Default value of '" + key + "' " + problem.get());
                }
            }
            parent.properties.add(new ConfigProperty(key, type, property.label(), description, required, converted,
                    minimum, maximum, allowedValues, pattern));
            return parent;
        }
    }
}
