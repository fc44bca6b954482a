package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.ExtensionContext;
import dev.slipway.api.ExtensionFactory;
import dev.slipway.api.config.ConfigProperty;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.config.ValidationResult;

/**
 * The promises every extension factory keeps, whatever its kind: the kind-specific contract suites
 * ({@link ArtifactStoreContractTest}, {@link ExecutorContractTest}) extend this class, and so inherit these tests.
 *
 * <ul>
 *   <li>the id matches {@code [a-z][a-z0-9-]*}; the display name is not blank;</li>
 *   <li>the schema is well formed: every property has a label and a description, no required property has a
 *       default;</li>
 *   <li>{@link #validConfig()} passes the schema and {@code validate};</li>
 *   <li>the schema reports malformed values and unknown keys instead of throwing, and {@code validate} reports
 *       problems with odd but well-typed values (empty text, huge text, a NUL character, bounds) instead of
 *       throwing;</li>
 *   <li>secrets are masked by {@code toDisplayMap()} and {@code toString()};</li>
 *   <li>{@code create} returns within 2 seconds (a cheap way to catch an eager connection), also for
 *       {@link #unreachableBackendConfig()}, and the instance's {@code close()} is idempotent and never throws.</li>
 * </ul>
 *
 * <p>Instances made with {@link #createInstance} are closed after each test, newest first; a {@code close()} that
 * throws fails the test.
 *
 * @param <T> the kind of instance the factory creates
 * @since 0.1
 */
public abstract class ExtensionFactoryContractTest<T extends AutoCloseable>
{
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");
    /** How long {@code create} may take. @since 0.1 */
    protected static final Duration CREATE_TIME_LIMIT = Duration.ofSeconds(2);

    private final List<AutoCloseable> instances = Collections.synchronizedList(new ArrayList<>());
    private Path temporaryDirectory;
    private ExtensionContext extensionContext;

    /** @return the factory under test @since 0.1 */
    protected abstract ExtensionFactory<T> factory();

    /**
     * A configuration that works for the tests, as raw values the way YAML would give them; the default is an empty
     * map. Called lazily, after the subclass's {@code @BeforeEach} methods, so it may use what they set up.
     *
     * @since 0.1
     */
    protected Map<String, ?> validConfig()
    {
        return Map.of();
    }

    /**
     * A configuration that passes validation but names a backend that cannot be reached (for example an endpoint on
     * {@code 127.0.0.1} port 1). If given, {@code create} must still return quickly: connecting is for later
     * calls. Empty (the default) for extensions without a remote backend.
     *
     * @since 0.1
     */
    protected Optional<Map<String, ?>> unreachableBackendConfig()
    {
        return Optional.empty();
    }

    /**
     * The context instances are created with; by default a {@link TestingExtensionContext} whose server data directory
     * is a fresh temporary directory.
     *
     * @since 0.1
     */
    protected ExtensionContext extensionContext()
    {
        if (extensionContext == null) {
            extensionContext = TestingExtensionContext.builder()
                    .serverDataDirectory(temporaryDirectory.resolve("server-data"))
                    .extensionId(factory().id())
                    .build();
        }
        return extensionContext;
    }

    /** @return a temporary directory that exists for the current test only @since 0.1 */
    protected final Path temporaryDirectory()
    {
        return temporaryDirectory;
    }

    /** Binds {@code config} through the factory's schema. @since 0.1 */
    protected final ConfigValues bind(Map<String, ?> config)
    {
        return factory().configSchema().bind(config);
    }

    /** Creates an instance with {@code config}; it is closed after the test. @since 0.1 */
    protected final T createInstance(Map<String, ?> config)
    {
        T instance = factory().create(bind(config), extensionContext());
        assertThat(instance).as("factory '%s' create()", factory().id()).isNotNull();
        instances.add(instance);
        return instance;
    }

    @BeforeEach
    final void prepareExtensionFactoryContract(@TempDir Path directory)
    {
        this.temporaryDirectory = directory;
        this.extensionContext = null;
    }

    @AfterEach
    final void closeContractInstances()
    {
        List<String> failures = new ArrayList<>();
        List<AutoCloseable> toClose;
        synchronized (instances) {
            toClose = new ArrayList<>(instances);
            instances.clear();
        }
        Collections.reverse(toClose);
        for (AutoCloseable instance : toClose) {
            try {
                instance.close();
            }
            catch (Exception | LinkageError e) {
                failures.add(instance + ": " + e);
            }
        }
        if (extensionContext instanceof TestingExtensionContext testing) {
            try {
                testing.close();
            }
            catch (IOException e) {
                failures.add("deleting the test's directories: " + e);
            }
        }
        if (!failures.isEmpty()) {
            fail("close() must never throw, but: " + failures);
        }
    }

    @Test
    void factoryIdIsKebabCase()
    {
        assertThat(factory().id()).matches(ID);
    }

    @Test
    void displayNameIsNotBlank()
    {
        assertThat(factory().displayName()).isNotBlank();
        assertThat(factory().description()).isNotNull();
    }

    @Test
    void schemaIsWellFormed()
    {
        List<ConfigProperty> properties = factory().configSchema().properties();
        for (ConfigProperty property : properties) {
            assertThat(property.label()).as("label of '%s'", property.key()).isNotBlank();
            assertThat(property.description()).as("description of '%s' (the console shows it as help)", property.key()).isNotBlank();
            if (property.required()) {
                assertThat(property.defaultValue()).as("default of required property '%s' (a default never satisfies 'required')", property.key()).isEmpty();
            }
        }
        assertThat(factory().configSchema().properties().toString())
                .as("configSchema() returns the same schema every time")
                .isEqualTo(properties.toString());
    }

    @Test
    void validConfigIsAccepted()
    {
        ConfigAssertions.assertSchemaAccepts(factory(), validConfig());
    }

    @Test
    void schemaReportsMalformedValuesInsteadOfThrowing()
    {
        String unknownKey = "no-such-key-" + UUID.randomUUID().toString().substring(0, 8);
        ValidationResult unknown = factory().configSchema().validate(with(validConfig(), unknownKey, "value"));
        assertThat(unknown.errors()).as("errors for unknown key '%s'", unknownKey).anyMatch(issue -> issue.path().equals(unknownKey));

        for (ConfigProperty property : factory().configSchema().properties()) {
            for (Object malformed : malformedValues(property)) {
                Map<String, Object> config = with(validConfig(), property.key(), malformed);
                ValidationResult result;
                try {
                    result = factory().configSchema().validate(config);
                }
                catch (RuntimeException e) {
                    throw new AssertionError("The schema threw instead of reporting malformed value " + malformed + " of '" + property.key() + "'", e);
                }
                assertThat(result.errors())
                        .as("errors for malformed value %s of '%s' (%s)", malformed, property.key(), property.type())
                        .anyMatch(issue -> issue.path().equals(property.key()));
            }
        }
    }

    @Test
    void validateReportsProblemsInsteadOfThrowing()
    {
        List<Map<String, Object>> configs = new ArrayList<>();
        for (ConfigProperty property : factory().configSchema().properties()) {
            for (Object value : oddValues(property)) {
                configs.add(with(validConfig(), property.key(), value));
            }
            if (!property.required()) {
                Map<String, Object> without = new LinkedHashMap<>(validConfig());
                without.remove(property.key());
                configs.add(without);
            }
        }
        for (Map<String, Object> config : configs) {
            if (!factory().configSchema().validate(config).isValid()) {
                continue;
            }
            ConfigValues values = bind(config);
            assertThatCode(() -> assertThat(factory().validate(values)).isNotNull())
                    .as("validate(%s) must report problems instead of throwing", values)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void secretsAreMaskedInDisplayMap()
    {
        List<ConfigProperty> secrets = factory().configSchema().properties().stream().filter(ConfigProperty::secret).toList();
        assumeTrue(!secrets.isEmpty(), "the schema declares no secret property");
        Map<String, Object> config = new LinkedHashMap<>(validConfig());
        for (ConfigProperty secret : secrets) {
            config.put(secret.key(), "contract-canary-" + UUID.randomUUID());
        }
        ConfigAssertions.assertSecretsMasked(factory(), config);
    }

    @Test
    void createReturnsQuickly()
    {
        for (int i = 0; i < 2; i++) {
            long started = System.nanoTime();
            createInstance(validConfig());
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("create() of instance %s must not block on I/O", i + 1)
                    .isLessThan(CREATE_TIME_LIMIT);
        }
    }

    @Test
    void createDoesNotConnectToItsBackend()
    {
        Optional<Map<String, ?>> unreachable = unreachableBackendConfig();
        assumeTrue(unreachable.isPresent(), "no unreachable backend configuration given (unreachableBackendConfig())");
        long started = System.nanoTime();
        createInstance(unreachable.get());
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("create() with an unreachable backend must return without connecting")
                .isLessThan(CREATE_TIME_LIMIT);
    }

    @Test
    void instanceCloseIsIdempotent()
    {
        T instance = createInstance(validConfig());
        assertThatCode(() -> {
            instance.close();
            instance.close();
        }).as("close() twice").doesNotThrowAnyException();
    }

    private static Map<String, Object> with(Map<String, ?> config, String key, Object value)
    {
        Map<String, Object> copy = new LinkedHashMap<>(config);
        copy.put(key, value);
        return copy;
    }

    private static List<Object> malformedValues(ConfigProperty property)
    {
        List<Object> values = new ArrayList<>();
        values.add(Map.of("nested", "map"));
        switch (property.type()) {
            case STRING, SECRET -> values.add(List.of("a", "list"));
            case INTEGER -> values.addAll(List.of("not-a-number", "1.5", List.of(1, 2), 99_999_999_999L));
            case BOOLEAN -> values.addAll(List.of("maybe", 2, List.of(true)));
            case DURATION -> values.addAll(List.of("soon", "-5s", List.of("1s")));
            case ENUM -> values.addAll(List.of("no-such-value-" + UUID.randomUUID(), List.of(property.allowedValues().get(0))));
            case STRING_LIST -> values.add(List.of(Map.of("nested", "map")));
        }
        return values;
    }

    private static List<Object> oddValues(ConfigProperty property)
    {
        List<Object> values = new ArrayList<>();
        switch (property.type()) {
            case STRING, SECRET -> values.addAll(List.of("", " ", "x".repeat(10_000), "../../../../../etc/passwd", "nul\u0000character",
                    "日本語 ✓", "${HOME}", "C:\\Windows\\", "\n"));
            case INTEGER -> {
                values.addAll(List.of(0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE));
                property.minimum().ifPresent(minimum -> values.add(minimum));
                property.maximum().ifPresent(maximum -> values.add(maximum));
            }
            case BOOLEAN -> values.addAll(List.of(true, false));
            case DURATION -> values.addAll(List.of("0s", "1ms", "36500d"));
            case ENUM -> values.addAll(property.allowedValues());
            case STRING_LIST -> values.addAll(List.of(List.of(), List.of(""), List.of("a", "a"), List.of("x".repeat(10_000)), List.of("nul\u0000character")));
        }
        return values;
    }
}
