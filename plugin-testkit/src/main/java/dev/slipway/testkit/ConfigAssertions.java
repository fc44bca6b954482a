package dev.slipway.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.slipway.api.ExtensionFactory;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.config.ConfigProperty;
import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.config.Secret;
import dev.slipway.api.config.ValidationIssue;
import dev.slipway.api.config.ValidationResult;

/**
 * Assertions about an extension factory's configuration, as the server would check it: first against the
 * {@link ConfigSchema}, then with {@link ExtensionFactory#validate}. Raw maps are written the way YAML would give
 * them ({@code "30s"}, {@code 10}, {@code "yes"}, lists).
 *
 * <pre>{@code
 * assertSchemaAccepts(factory, Map.of("url", "https://hooks.example.com/x"));
 * assertSchemaRejects(factory, Map.of(), "url", "is required");
 * assertSecretsMasked(factory, Map.of("url", "https://hooks.example.com/x", "token", "s3cr3t-token"));
 * assertDefaults(factory, Map.of("timeout-seconds", 10, "events", List.of("pipeline-execution-failed")));
 * }</pre>
 *
 * @since 0.1
 */
public final class ConfigAssertions
{
    private static final int MINIMUM_SECRET_LENGTH = 6;

    private ConfigAssertions() {}

    /**
     * Asserts that {@code config} passes the schema and the factory's {@code validate} without errors (warnings are
     * allowed).
     *
     * @return the bound values, ready for {@code create}
     * @since 0.1
     */
    public static ConfigValues assertSchemaAccepts(ExtensionFactory<?> factory, Map<String, ?> config)
    {
        Objects.requireNonNull(factory, "factory is null");
        Objects.requireNonNull(config, "config is null");
        ValidationResult schemaResult = factory.configSchema().validate(config);
        if (!schemaResult.isValid()) {
            throw new AssertionError("Expected the schema of factory '" + factory.id() + "' to accept " + config + " but it reported " + schemaResult.errors());
        }
        ConfigValues values = factory.configSchema().bind(config);
        ValidationResult factoryResult = factory.validate(values);
        if (!factoryResult.isValid()) {
            throw new AssertionError("Expected factory '" + factory.id() + "' to accept " + values + " but its validate() reported " + factoryResult.errors());
        }
        return values;
    }

    /**
     * Asserts that {@code config} is rejected (by the schema or, if the schema accepts it, by the factory's
     * {@code validate}) with an error whose path is {@code path} and whose message contains {@code messagePart}.
     *
     * @return the matching issue
     * @since 0.1
     */
    public static ValidationIssue assertSchemaRejects(ExtensionFactory<?> factory, Map<String, ?> config, String path, String messagePart)
    {
        Objects.requireNonNull(factory, "factory is null");
        Objects.requireNonNull(config, "config is null");
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(messagePart, "messagePart is null");
        ValidationResult result = factory.configSchema().validate(config);
        String checkedBy = "schema";
        if (result.isValid()) {
            result = factory.validate(factory.configSchema().bind(config));
            checkedBy = "validate()";
        }
        if (result.isValid()) {
            throw new AssertionError("Expected factory '" + factory.id() + "' to reject " + config + " at '" + path + "' with a message containing '"
                    + messagePart + "' but it accepted it" + (result.issues().isEmpty() ? "" : " with warnings " + result.issues()));
        }
        for (ValidationIssue issue : result.errors()) {
            if (issue.path().equals(path) && issue.message().contains(messagePart)) {
                return issue;
            }
        }
        throw new AssertionError("Expected factory '" + factory.id() + "' to reject " + config + " at '" + path + "' with a message containing '"
                + messagePart + "' but its " + checkedBy + " reported " + result.errors());
    }

    /**
     * Asserts that the secrets in {@code config} never show: {@link ConfigValues#toDisplayMap()} shows
     * {@link Secret#MASK} for each and neither it nor the values' {@code toString()} contains a secret's text; the
     * factory's {@code validate} does not quote a secret in its messages; and an instance created with the config (in
     * a temporary {@link TestingExtensionContext}, closed right after) does not show a secret in its {@code toString()}
     * — nor in the message of the exception, if {@code create} refuses the config. {@code config} must give at least
     * one secret property a value of at least 6 characters (shorter values could appear in other text by chance).
     *
     * @since 0.1
     */
    public static void assertSecretsMasked(ExtensionFactory<?> factory, Map<String, ?> config)
    {
        Objects.requireNonNull(factory, "factory is null");
        Objects.requireNonNull(config, "config is null");
        Map<String, String> secrets = new LinkedHashMap<>();
        for (ConfigProperty property : factory.configSchema().properties()) {
            Object raw = config.get(property.key());
            if (property.secret() && raw != null) {
                String text = raw instanceof Secret secret ? secret.reveal() : String.valueOf(raw);
                if (text.length() < MINIMUM_SECRET_LENGTH) {
                    throw new IllegalArgumentException("Give secret '" + property.key() + "' a distinctive value of at least " + MINIMUM_SECRET_LENGTH
                            + " characters, so that finding it in other text means it leaked");
                }
                secrets.put(property.key(), text);
            }
        }
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("The config " + config.keySet() + " gives no secret property of factory '" + factory.id()
                    + "' a value; secret properties: " + factory.configSchema().properties().stream().filter(ConfigProperty::secret).map(ConfigProperty::key).toList());
        }
        ConfigValues values = factory.configSchema().bind(config);
        Map<String, Object> display = values.toDisplayMap();
        List<String> problems = new ArrayList<>();
        secrets.forEach((key, text) -> {
            if (!Secret.MASK.equals(display.get(key))) {
                problems.add("toDisplayMap() shows '" + key + "' as " + display.get(key) + " instead of " + Secret.MASK);
            }
            if (String.valueOf(display).contains(text)) {
                problems.add("toDisplayMap() contains the text of secret '" + key + "'");
            }
            if (String.valueOf(values).contains(text)) {
                problems.add("toString() contains the text of secret '" + key + "'");
            }
            if (String.valueOf(values.getSecret(key)).contains(text)) {
                problems.add("getSecret(\"" + key + "\").toString() contains the secret text");
            }
        });
        for (ValidationIssue issue : factory.validate(values).issues()) {
            secrets.forEach((key, text) -> {
                if (issue.toString().contains(text)) {
                    problems.add("validate() quotes secret '" + key + "': " + masked(issue.toString(), secrets));
                }
            });
        }
        problems.addAll(secretsShownByInstance(factory, values, secrets));
        if (!problems.isEmpty()) {
            throw new AssertionError("Secrets of factory '" + factory.id() + "' are not masked: " + problems);
        }
    }

    private static List<String> secretsShownByInstance(ExtensionFactory<?> factory, ConfigValues values, Map<String, String> secrets)
    {
        List<String> problems = new ArrayList<>();
        try (TestingExtensionContext context = TestingExtensionContext.builder().extensionId(factory.id()).build()) {
            AutoCloseable instance = factory.create(values, context);
            try {
                secrets.forEach((key, text) -> {
                    if (String.valueOf(instance).contains(text)) {
                        problems.add("the created instance's toString() shows secret '" + key + "': " + masked(String.valueOf(instance), secrets));
                    }
                });
            }
            finally {
                instance.close();
            }
        }
        catch (RuntimeException e) {
            String refusal = e.getMessage() + (e instanceof SlipwayException slipway ? " " + slipway.details() : "");
            secrets.forEach((key, text) -> {
                if (refusal.contains(text)) {
                    problems.add("create() refused the config with a message that shows secret '" + key + "': " + masked(refusal, secrets));
                }
            });
        }
        catch (Exception e) {
            problems.add("closing the created instance failed: " + masked(String.valueOf(e), secrets));
        }
        return problems;
    }

    private static String masked(String text, Map<String, String> secrets)
    {
        String result = text;
        for (String secret : secrets.values()) {
            result = result.replace(secret, Secret.MASK);
        }
        return result;
    }

    /**
     * Asserts the defaults of the factory's schema: every property that has a default is in {@code expectedDefaults}
     * with an equal value (after conversion, so {@code "30s"} equals a 30-second default), and no property without a
     * default is. Like Trino's {@code assertRecordedDefaults}, this catches a default that changed by accident.
     *
     * @since 0.1
     */
    public static void assertDefaults(ExtensionFactory<?> factory, Map<String, ?> expectedDefaults)
    {
        Objects.requireNonNull(factory, "factory is null");
        Objects.requireNonNull(expectedDefaults, "expectedDefaults is null");
        ConfigSchema schema = factory.configSchema();
        List<String> problems = new ArrayList<>();
        for (String key : expectedDefaults.keySet()) {
            if (schema.property(key).isEmpty()) {
                problems.add("'" + key + "' is not a property of the schema");
            }
        }
        for (ConfigProperty property : schema.properties()) {
            Optional<Object> actual = property.defaultValue();
            Object expectedRaw = expectedDefaults.get(property.key());
            if (expectedRaw == null) {
                actual.ifPresent(value -> problems.add("'" + property.key() + "' has default " + display(value) + " but none was expected"));
                continue;
            }
            Object expected;
            try {
                expected = convert(property, expectedRaw);
            }
            catch (IllegalArgumentException e) {
                problems.add("the expected default of '" + property.key() + "' is not a valid " + property.type() + ": " + e.getMessage());
                continue;
            }
            if (actual.isEmpty()) {
                problems.add("'" + property.key() + "' has no default but " + display(expected) + " was expected");
            }
            else if (!actual.get().equals(expected)) {
                problems.add("'" + property.key() + "' has default " + display(actual.get()) + " but " + display(expected) + " was expected");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("Defaults of factory '" + factory.id() + "' differ: " + problems);
        }
    }

    /** Converts a raw value exactly as the schema would, through a one-property schema of the same type. */
    private static Object convert(ConfigProperty property, Object raw)
    {
        ConfigSchema.Builder builder = ConfigSchema.builder();
        String key = property.key();
        ConfigSchema.PropertyBuilder single = switch (property.type()) {
            case STRING -> builder.string(key);
            case SECRET -> throw new IllegalArgumentException("secrets never have defaults");
            case INTEGER -> builder.integer(key);
            case BOOLEAN -> builder.bool(key);
            case DURATION -> builder.duration(key);
            case ENUM -> builder.enumeration(key, property.allowedValues().toArray(String[]::new));
            case STRING_LIST -> builder.stringList(key);
        };
        ConfigSchema schema = single.add().build();
        ValidationResult result = schema.validate(Map.of(key, raw));
        if (!result.isValid()) {
            throw new IllegalArgumentException(result.errors().toString());
        }
        ConfigValues values = schema.bind(Map.of(key, raw));
        return switch (property.type()) {
            case STRING, ENUM -> values.getString(key);
            case SECRET -> throw new IllegalArgumentException("secrets never have defaults");
            case INTEGER -> values.getInt(key);
            case BOOLEAN -> values.getBoolean(key);
            case DURATION -> values.getDuration(key);
            case STRING_LIST -> values.getStringList(key);
        };
    }

    private static String display(Object value)
    {
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        if (value instanceof Duration duration) {
            return duration.toString();
        }
        return String.valueOf(value);
    }
}
