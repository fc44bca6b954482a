package dev.slipway.plugins.localexecutor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.config.ConfigProperty;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.config.ValidationIssue;
import dev.slipway.api.config.ValidationResult;
import dev.slipway.api.executor.Executor;
import dev.slipway.api.executor.ExecutorFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class LocalExecutorFactoryTest
{
    private final LocalExecutorFactory factory = new LocalExecutorFactory();

    @TempDir
    Path temp;

    private ValidationResult validate(Map<String, ?> raw)
    {
        return factory.validate(factory.configSchema().bind(raw));
    }

    @Test
    void pluginContributesTheLocalExecutorFactory()
    {
        List<ExecutorFactory> executors = new LocalExecutorPlugin().executors();

        assertThat(executors).singleElement().satisfies(executor -> {
            assertThat(executor.id()).isEqualTo("local").matches("[a-z][a-z0-9-]*");
            assertThat(executor.displayName()).isNotBlank();
            assertThat(executor.description()).isNotBlank();
        });
    }

    @Test
    void everyPropertyHasALabelAndADescription()
    {
        assertThat(factory.configSchema().properties()).extracting(ConfigProperty::key)
                .containsExactly("slots", "pass-environment", "toolchains", "detect-toolchains");
        for (ConfigProperty property : factory.configSchema().properties()) {
            assertThat(property.label()).as(property.key()).isNotEqualTo(property.key()).isNotBlank();
            assertThat(property.description()).as(property.key()).isNotBlank();
            assertThat(property.secret()).isFalse();
        }
    }

    @Test
    void defaultsAreOneSlotPerCoreTheSmallAllowListAndDetection()
    {
        ConfigValues values = factory.configSchema().bind(Map.of());

        assertThat(values.getInt("slots")).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(values.getStringList("pass-environment"))
                .containsExactly("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "TERM");
        assertThat(values.getStringList("toolchains")).isEmpty();
        assertThat(values.getBoolean("detect-toolchains")).isTrue();
        assertThat(factory.validate(values).issues()).isEmpty();
    }

    @Test
    void schemaRejectsSlotsBelowOne()
    {
        assertThat(factory.configSchema().validate(Map.of("slots", 0)).errors()).extracting(ValidationIssue::path).containsExactly("slots");
    }

    @Test
    void wellFormedToolchainEntriesPass()
            throws Exception
    {
        Path jdk = Files.createDirectories(temp.resolve("jdk-17"));
        Path python = Files.createDirectories(temp.resolve("python 3.11"));

        ValidationResult result = validate(Map.of("toolchains", List.of("java:corretto17=" + jdk, " python:3.11=" + python + " ")));

        assertThat(result.issues()).isEmpty();
    }

    @Test
    void malformedToolchainEntriesAreErrorsThatNameTheEntryAndTheExpectedForm()
    {
        ValidationResult result = validate(Map.of("toolchains", List.of("java=corretto17", "Java:17=/opt/jdk", "java:17=relative/jdk", "java:=/opt/jdk")));

        assertThat(result.isValid()).isFalse();
        assertThat(result.errors()).extracting(ValidationIssue::path).containsExactly("toolchains[0]", "toolchains[1]", "toolchains[2]", "toolchains[3]");
        assertThat(result.errors().get(0).message()).contains("'java=corretto17'").contains("runtime:version=/path/to/home");
        assertThat(result.errors().get(2).message()).contains("not an absolute path");
    }

    @Test
    void toolchainConfiguredTwiceIsAnError()
    {
        ValidationResult result = validate(Map.of("toolchains", List.of("java:17=/opt/a", "java:17=/opt/b")));

        assertThat(result.errors()).singleElement().satisfies(issue -> {
            assertThat(issue.path()).isEqualTo("toolchains[1]");
            assertThat(issue.message()).contains("configured twice");
        });
    }

    @Test
    void toolchainHomeThatDoesNotExistIsOnlyAWarning()
    {
        ValidationResult result = validate(Map.of("toolchains", List.of("golang:1.22=" + temp.resolve("missing-go"))));

        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).singleElement().satisfies(issue -> assertThat(issue.message()).contains("missing-go").contains("not a directory"));
    }

    @Test
    void passEnvironmentNamesMustBeVariableNames()
    {
        ValidationResult result = validate(Map.of("pass-environment", List.of("PATH", "MY-VAR", "1ST")));

        assertThat(result.errors()).extracting(ValidationIssue::path).containsExactly("pass-environment[1]", "pass-environment[2]");
    }

    @Test
    void createRefusesAConfigurationThatDoesNotValidate()
    {
        ConfigValues values = factory.configSchema().bind(Map.of("toolchains", List.of("nonsense")));

        assertThatThrownBy(() -> factory.create(values, TestingContexts.extension(temp.resolve("data"))))
                .asInstanceOf(type(SlipwayException.class))
                .satisfies(e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG);
                    assertThat(e.getMessage()).contains("toolchains[0]");
                });
    }

    @Test
    void createMakesAnExecutorWithTheConfiguredSlots()
            throws Exception
    {
        try (Executor executor = factory.create(factory.configSchema().bind(Map.of("slots", 7)), TestingContexts.extension(temp.resolve("data")))) {
            assertThat(executor.capacity()).isEqualTo(7);
        }
    }
}
