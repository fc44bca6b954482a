package dev.slipway.api.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One property of a {@link ConfigSchema}: its key, type, label, help text, whether it is required, its
 * default, and the constraints on its value. Built with {@link ConfigSchema.Builder}.
 *
 * @since 0.1
 */
public final class ConfigProperty
{
    private final String key;
    private final PropertyType type;
    private final String label;
    private final String description;
    private final boolean required;
    private final Object defaultValue;
    private final Long minimum;
    private final Long maximum;
    private final List<String> allowedValues;
    private final Pattern pattern;

    ConfigProperty(String key, PropertyType type, String label, String description, boolean required, Object defaultValue,
            Long minimum, Long maximum, List<String> allowedValues, Pattern pattern)
    {
        this.key = Objects.requireNonNull(key, "key is null");
        this.type = Objects.requireNonNull(type, "type is null");
        this.label = Objects.requireNonNull(label, "label is null");
        this.description = Objects.requireNonNull(description, "description is null");
        this.required = required;
        this.defaultValue = defaultValue;
        this.minimum = minimum;
        this.maximum = maximum;
        this.allowedValues = List.copyOf(allowedValues);
        this.pattern = pattern;
    }

    /** @return the kebab-case key, e.g. {@code root-directory} @since 0.1 */
    public String key()
    {
        return key;
    }

    /** @since 0.1 */
    public PropertyType type()
    {
        return type;
    }

    /** @return a short human label; the key when none was given @since 0.1 */
    public String label()
    {
        return label;
    }

    /** @return help text; may be empty @since 0.1 */
    public String description()
    {
        return description;
    }

    /** @return true if a value must be given (a default never satisfies "required") @since 0.1 */
    public boolean required()
    {
        return required;
    }

    /** @return true for {@link PropertyType#SECRET} properties @since 0.1 */
    public boolean secret()
    {
        return type == PropertyType.SECRET;
    }

    /**
     * The default, already converted to the property's Java type ({@code String}, {@code Integer}, {@code Boolean},
     * {@code java.time.Duration}, {@code List<String>}); secrets never have one.
     *
     * @since 0.1
     */
    public Optional<Object> defaultValue()
    {
        return Optional.ofNullable(defaultValue);
    }

    /** @return the inclusive lower bound of an {@link PropertyType#INTEGER} (or of a duration, in seconds) @since 0.1 */
    public OptionalLong minimum()
    {
        return minimum == null ? OptionalLong.empty() : OptionalLong.of(minimum);
    }

    /** @return the inclusive upper bound of an {@link PropertyType#INTEGER} (or of a duration, in seconds) @since 0.1 */
    public OptionalLong maximum()
    {
        return maximum == null ? OptionalLong.empty() : OptionalLong.of(maximum);
    }

    /** @return the allowed values of an {@link PropertyType#ENUM}; empty for other types @since 0.1 */
    public List<String> allowedValues()
    {
        return allowedValues;
    }

    /** @return a regular expression a {@link PropertyType#STRING} value must match in full @since 0.1 */
    public Optional<Pattern> pattern()
    {
        return Optional.ofNullable(pattern);
    }

    @Override
    public String toString()
    {
        return key + ":" + type + (required ? " (required)" : "");
    }
}
