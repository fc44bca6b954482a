package dev.slipway.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.config.Secret;

class ConfigLoaderTest
{
    @TempDir
    Path home;

    private final Map<String, String> environment = new HashMap<>();

    @Test
    void missingDefaultFileMeansDefaults()
    {
        SlipwayConfig config = load();

        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.server().consoleDirectory()).isEmpty();
        assertThat(config.server().maxRequestBody()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.dataDirectory()).isEqualTo(home.resolve("data"));
        assertThat(config.database().url()).isEqualTo("jdbc:h2:file:" + home.resolve("data/db/slipway") + ";DB_CLOSE_ON_EXIT=FALSE");
        assertThat(config.database().user()).contains("sa");
        assertThat(config.database().password()).isEmpty();
        assertThat(config.database().poolSize()).isEqualTo(8);
        assertThat(config.plugins().directory()).isEqualTo(home.resolve("plugins"));
        assertThat(config.plugins().callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.logs()).isEqualTo(new LogsConfig(Duration.ofMillis(20), Duration.ofSeconds(15)));
    }

    @Test
    void emptyFileMeansDefaults()
            throws IOException
    {
        write("# nothing configured yet\n");

        assertThat(load()).isEqualTo(new ConfigLoader(home, Map.of()).load(Optional.empty()));
    }

    @Test
    void readsEverySectionFromTheFile()
            throws IOException
    {
        Path console = Files.createDirectories(home.resolve("console"));
        write("""
                server:
                  host: 0.0.0.0
                  port: 9090
                  shutdown-grace-period: 1m
                  console-directory: console
                  max-request-body: 2048
                data-directory: /var/lib/slipway
                database:
                  url: jdbc:postgresql://db.example.com/slipway
                  user: slipway
                  password: s3cret
                  pool-size: 4
                plugins:
                  directory: /opt/slipway-plugins
                  call-timeout: PT45S
                logs:
                  flush-interval: 50ms
                  heartbeat-interval: 30s
                """);

        SlipwayConfig config = load();

        assertThat(config.server()).isEqualTo(new ServerConfig("0.0.0.0", 9090, Duration.ofMinutes(1), Optional.of(console), 2048));
        assertThat(config.dataDirectory()).isEqualTo(Path.of("/var/lib/slipway"));
        assertThat(config.database()).isEqualTo(new DatabaseConfig("jdbc:postgresql://db.example.com/slipway", Optional.of("slipway"),
                Optional.of(Secret.of("s3cret")), 4));
        assertThat(config.database().isH2()).isFalse();
        assertThat(config.plugins()).isEqualTo(new PluginsConfig(Path.of("/opt/slipway-plugins"), Duration.ofSeconds(45)));
        assertThat(config.logs()).isEqualTo(new LogsConfig(Duration.ofMillis(50), Duration.ofSeconds(30)));
    }

    @Test
    void logIntervalsOutOfRangeNameTheKey()
            throws IOException
    {
        write("logs:\n  flush-interval: 5s\n");

        assertThatThrownBy(this::load)
                .hasMessage("conf/slipway.yml:2:19: 'logs.flush-interval' must be between 1ms and 1s, was PT5S");
    }

    @Test
    void defaultDatabaseFollowsTheConfiguredDataDirectory()
            throws IOException
    {
        write("data-directory: state\n");

        SlipwayConfig config = load();

        assertThat(config.dataDirectory()).isEqualTo(home.resolve("state"));
        assertThat(config.database().url()).startsWith("jdbc:h2:file:" + home.resolve("state/db/slipway") + ";");
        assertThat(config.database().isH2()).isTrue();
    }

    @Test
    void databaseUserIsNotDefaultedForAnExplicitUrl()
            throws IOException
    {
        write("""
                database:
                  url: jdbc:postgresql://127.0.0.1/slipway?user=ci
                """);

        assertThat(load().database().user()).isEmpty();
    }

    @Test
    void unknownKeyNamesTheKeyTheSectionTheLineTheColumnAndTheKnownKeys()
            throws IOException
    {
        write("""
                server:
                  host: 127.0.0.1

                    # comment
                  prot: 9090
                """.replace("\n\n    # comment", "\n  # comment"));

        assertThatThrownBy(this::load)
                .isInstanceOf(SlipwayException.class)
                .hasMessage("conf/slipway.yml:4:3: unknown key 'prot' in 'server' (known keys: host, port, shutdown-grace-period, console-directory, max-request-body)")
                .satisfies(e -> assertThat(((SlipwayException) e).errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG));
    }

    @Test
    void unknownTopLevelKeyListsTheSections()
            throws IOException
    {
        write("""
                server:
                  port: 1
                databse:
                  url: jdbc:h2:mem:x
                """);

        assertThatThrownBy(this::load)
                .hasMessage("conf/slipway.yml:3:1: unknown key 'databse' (known keys: server, data-directory, database, plugins, logs, executors, "
                        + "artifact-stores, builds, events)");
    }

    @Test
    void wrongTypeNamesTheKeyAndWhereTheValueIs()
            throws IOException
    {
        write("""
                server:
                  port: eighty
                """);

        assertThatThrownBy(this::load)
                .hasMessage("conf/slipway.yml:2:9: 'server.port' must be a whole number, was 'eighty'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "server:\\n  port: 80.5\\n|conf/slipway.yml:2:9: 'server.port' must be a whole number, was '80.5'",
            "server:\\n  port: true\\n|conf/slipway.yml:2:9: 'server.port' must be a whole number, was 'true'",
            "server:\\n  port: [1, 2]\\n|conf/slipway.yml:2:9: 'server.port' must be a whole number, was a list",
            "server:\\n  host: {a: b}\\n|conf/slipway.yml:2:9: 'server.host' must be text, was a mapping",
            "server:\\n  shutdown-grace-period: soon\\n|conf/slipway.yml:2:26: 'server.shutdown-grace-period' must be a duration such as 30s, 5m, 2h or PT30S, was 'soon'",
            "plugins:\\n  call-timeout: 0s\\n|conf/slipway.yml:2:17: 'plugins.call-timeout' must be positive, was PT0S",
            "server:\\n  port: 70000\\n|conf/slipway.yml:2:9: 'server.port' must be between 0 and 65535, was 70000",
            "server:\\n  host: ' '\\n|conf/slipway.yml:2:9: 'server.host' must not be empty; use 127.0.0.1 for local access or 0.0.0.0 for all interfaces",
            "database:\\n  url: postgres://x\\n|conf/slipway.yml:2:8: 'database.url' must be a JDBC URL such as jdbc:h2:file:/var/lib/slipway/db/slipway or jdbc:postgresql://db.example.com/slipway, was 'postgres://x'",
            "database:\\n  pool-size: 0\\n|conf/slipway.yml:2:14: 'database.pool-size' must be between 1 and 1000, was 0",
            "server: 8080\\n|conf/slipway.yml:1:9: 'server' must be a mapping with the keys host, port, shutdown-grace-period, console-directory, max-request-body, was '8080'",
            "data-directory: [a]\\n|conf/slipway.yml:1:17: 'data-directory' must be a file system path, was a list",
            "- server\\n|conf/slipway.yml:1:1: the file must be a mapping of keys (such as 'server:'), not a list",
            "server:\\n  port: 1\\n  port: 2\\n|conf/slipway.yml:3:3: duplicate key 'port' in 'server'; the first one is at conf/slipway.yml:2:3",
    })
    void invalidValuesAreReportedWithLineAndColumn(String yaml, String message)
            throws IOException
    {
        write(yaml.replace("\\n", "\n"));

        assertThatThrownBy(this::load).isInstanceOf(SlipwayException.class).hasMessage(message);
    }

    @Test
    void yamlSyntaxErrorsNameLineAndColumn()
            throws IOException
    {
        write("""
                server:
                  host: "unterminated
                  port: 1
                """);

        assertThatThrownBy(this::load)
                .isInstanceOf(SlipwayException.class)
                .hasMessageStartingWith("conf/slipway.yml:4:1: invalid YAML: found unexpected end of stream");
    }

    @Test
    void badIndentationIsASyntaxError()
            throws IOException
    {
        write("""
                server:
                  host: localhost
                   port: 1
                """);

        assertThatThrownBy(this::load).hasMessageStartingWith("conf/slipway.yml:3:8: invalid YAML: mapping values are not allowed here");
    }

    @Test
    void emptyValuesMeanDefaults()
            throws IOException
    {
        write("""
                server:
                  port:
                plugins:
                """);

        assertThat(load().server().port()).isEqualTo(8080);
    }

    @Test
    void environmentOverridesTheFile()
            throws IOException
    {
        write("""
                server:
                  port: 9090
                """);
        environment.put("SLIPWAY_SERVER_PORT", "9191");
        environment.put("SLIPWAY_SERVER_SHUTDOWN_GRACE_PERIOD", "2s");
        environment.put("SLIPWAY_DATABASE_POOL_SIZE", "3");
        environment.put("SLIPWAY_DATABASE_PASSWORD", "from-env");
        environment.put("SLIPWAY_PLUGINS_DIRECTORY", "/srv/plugins");

        SlipwayConfig config = load();

        assertThat(config.server().port()).isEqualTo(9191);
        assertThat(config.server().shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.database().poolSize()).isEqualTo(3);
        assertThat(config.database().password()).contains(Secret.of("from-env"));
        assertThat(config.plugins().directory()).isEqualTo(Path.of("/srv/plugins"));
    }

    @Test
    void everyProblemIsReportedAtOnceEachWithItsLineAndColumn()
            throws IOException
    {
        write("""
                server:
                  port: http
                  shutdown-grace-period: soon
                  prot: 1
                database:
                  pool-size: 0
                """);

        assertThatThrownBy(this::load)
                .isInstanceOf(SlipwayException.class)
                .hasMessage("4 problems in the configuration:\n"
                        + "  conf/slipway.yml:4:3: unknown key 'prot' in 'server' (known keys: host, port, shutdown-grace-period, console-directory, max-request-body)\n"
                        + "  conf/slipway.yml:2:9: 'server.port' must be a whole number, was 'http'\n"
                        + "  conf/slipway.yml:3:26: 'server.shutdown-grace-period' must be a duration such as 30s, 5m, 2h or PT30S, was 'soon'\n"
                        + "  conf/slipway.yml:6:14: 'database.pool-size' must be between 1 and 1000, was 0")
                .satisfies(e -> assertThat(((SlipwayException) e).details()).hasSize(4));
    }

    @Test
    void onlyMisspeltKeysAmongTheSlipwayVariablesAreIgnoredWithAWarning()
    {
        Map<String, String> environment = new java.util.HashMap<>();
        for (String variable : ConfigLoader.NOT_CONFIGURATION) {
            environment.put(variable, "set");
        }
        environment.put("SLIPWAY_SERVER_PROT", "9090");
        environment.put("SLIPWAY_DATA_DIRECTROY", "/tmp");
        environment.put("SLIPWAY_SERVER_PORT", "9090");
        environment.put("PATH", "/usr/bin");

        assertThat(new ConfigLoader(home, environment).ignoredVariables()).containsExactly("SLIPWAY_DATA_DIRECTROY", "SLIPWAY_SERVER_PROT");
        assertThat(ConfigLoader.NOT_CONFIGURATION).contains("SLIPWAY_HOME", "SLIPWAY_DATA", "SLIPWAY_JAVA_OPTS", "SLIPWAY_CDS", "SLIPWAY_SERVER",
                "SLIPWAY_TOKEN", "SLIPWAY_OUTPUT");
    }

    @Test
    void everyKeyHasAnEnvironmentVariable()
    {
        List<String> variables = ConfigKey.root(SlipwayConfig.class).leaves().stream().filter(key -> !key.isNamedMapping())
                .map(ConfigKey::environmentVariable).toList();

        assertThat(variables).containsExactly(
                "SLIPWAY_SERVER_HOST",
                "SLIPWAY_SERVER_PORT",
                "SLIPWAY_SERVER_SHUTDOWN_GRACE_PERIOD",
                "SLIPWAY_SERVER_CONSOLE_DIRECTORY",
                "SLIPWAY_SERVER_MAX_REQUEST_BODY",
                "SLIPWAY_DATA_DIRECTORY",
                "SLIPWAY_DATABASE_URL",
                "SLIPWAY_DATABASE_USER",
                "SLIPWAY_DATABASE_PASSWORD",
                "SLIPWAY_DATABASE_POOL_SIZE",
                "SLIPWAY_PLUGINS_DIRECTORY",
                "SLIPWAY_PLUGINS_CALL_TIMEOUT",
                "SLIPWAY_LOGS_FLUSH_INTERVAL",
                "SLIPWAY_LOGS_HEARTBEAT_INTERVAL",
                "SLIPWAY_BUILDS_WORKSPACE_DIRECTORY",
                "SLIPWAY_BUILDS_SHUTDOWN_GRACE_PERIOD",
                "SLIPWAY_BUILDS_DEFAULT_TIMEOUT_IN_MINUTES",
                "SLIPWAY_BUILDS_DEFAULT_QUEUED_TIMEOUT_IN_MINUTES",
                "SLIPWAY_BUILDS_KEEP_WORKSPACES",
                "SLIPWAY_BUILDS_MAX_RUNNING_BUILDS",
                "SLIPWAY_EVENTS_HEARTBEAT_INTERVAL",
                "SLIPWAY_EVENTS_SUBSCRIBER_BUFFER");
    }

    @Test
    void buildSectionsHaveDefaults()
    {
        SlipwayConfig config = load();

        assertThat(config.executors()).containsExactly(Map.entry("local", new ExecutorConfig("local", Optional.empty(), Map.of())));
        assertThat(config.artifactStores()).containsExactly(Map.entry("default", new ArtifactStoreConfig("filesystem", Map.of())));
        assertThat(config.builds()).isEqualTo(new BuildsConfig(home.resolve("data/workspaces"), Duration.ofSeconds(30), 60, 480, false, 64));
        assertThat(config.events()).isEqualTo(new EventsConfig(Duration.ofSeconds(15), 1000));
    }

    @Test
    void readsNamedExecutorsAndArtifactStoresWithTheirFactoryConfiguration()
            throws IOException
    {
        write("""
                executors:
                  local:
                    factory: local
                    slots: 3
                    config:
                      detect-toolchains: false
                      pass-environment: [PATH, HOME]
                  big:
                    factory: local
                artifact-stores:
                  default:
                    factory: filesystem
                    config:
                      root-directory: /srv/artifacts
                builds:
                  workspace-directory: work
                  shutdown-grace-period: 2m
                  keep-workspaces: true
                """);

        SlipwayConfig config = load();

        assertThat(config.executors()).containsOnlyKeys("local", "big");
        assertThat(config.executors().get("local")).isEqualTo(new ExecutorConfig("local", Optional.of(3),
                Map.of("detect-toolchains", false, "pass-environment", List.of("PATH", "HOME"))));
        assertThat(config.executors().get("big")).isEqualTo(new ExecutorConfig("local", Optional.empty(), Map.of()));
        assertThat(config.artifactStores()).containsExactly(Map.entry("default", new ArtifactStoreConfig("filesystem", Map.of("root-directory", "/srv/artifacts"))));
        assertThat(config.builds().workspaceDirectory()).isEqualTo(home.resolve("work"));
        assertThat(config.builds().shutdownGracePeriod()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.builds().keepWorkspaces()).isTrue();
    }

    @Test
    void invalidExecutorSettingsNameTheExecutorTheKeyAndTheLine()
            throws IOException
    {
        write("""
                executors:
                  local:
                    factory: local
                    slots: 0
                """);

        assertThatThrownBy(this::load)
                .isInstanceOf(SlipwayException.class)
                .hasMessage("conf/slipway.yml:4:12: 'executors.local.slots' must be between 1 and 10000, was 0");
    }

    @Test
    void unknownExecutorSettingIsAnError()
            throws IOException
    {
        write("""
                executors:
                  local:
                    factory: local
                    slot: 2
                """);

        assertThatThrownBy(this::load)
                .isInstanceOf(SlipwayException.class)
                .hasMessage("conf/slipway.yml:4:5: unknown key 'slot' in 'executors.local' (known keys: factory, slots, config)");
    }

    @Test
    void executorNamesMustBeUsableInProjects()
            throws IOException
    {
        write("""
                executors:
                  "no spaces":
                    factory: local
                """);

        assertThatThrownBy(this::load)
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("'executors' has the invalid name 'no spaces'");
    }

    @Test
    void wrongTypeFromTheEnvironmentNamesTheVariable()
    {
        environment.put("SLIPWAY_SERVER_PORT", "http");

        assertThatThrownBy(this::load)
                .hasMessage("environment variable SLIPWAY_SERVER_PORT: 'server.port' must be a whole number, was 'http'");
    }

    @Test
    void invalidValueFromTheEnvironmentNamesTheVariable()
    {
        environment.put("SLIPWAY_SERVER_PORT", "-1");

        assertThatThrownBy(this::load)
                .hasMessage("environment variable SLIPWAY_SERVER_PORT: 'server.port' must be between 0 and 65535, was -1");
    }

    @Test
    void slipwayDataOverridesTheDataDirectoryOfTheFile()
            throws IOException
    {
        write("data-directory: /from/file\n");
        environment.put("SLIPWAY_DATA", "relative-data");

        SlipwayConfig config = load();

        assertThat(config.dataDirectory()).isEqualTo(home.resolve("relative-data"));
        assertThat(config.database().url()).contains(home.resolve("relative-data/db/slipway").toString());
    }

    @Test
    void disagreeingDataVariablesAreAnError()
    {
        environment.put("SLIPWAY_DATA", "/a");
        environment.put("SLIPWAY_DATA_DIRECTORY", "/b");

        assertThatThrownBy(this::load).hasMessageContaining("SLIPWAY_DATA (/a) and SLIPWAY_DATA_DIRECTORY (/b) disagree");
    }

    @Test
    void emptyEnvironmentVariablesAreIgnored()
    {
        environment.put("SLIPWAY_SERVER_PORT", "");
        environment.put("SLIPWAY_SERVER_CONSOLE_DIRECTORY", " ");

        SlipwayConfig config = load();

        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().consoleDirectory()).isEmpty();
    }

    @Test
    void variablesThatNameNoKeyAreNotAnError()
    {
        environment.put("SLIPWAY_HOME", "/opt/slipway");
        environment.put("SLIPWAY_SERVER_PROT", "1");

        assertThat(load().server().port()).isEqualTo(8080);
    }

    @Test
    void explicitConfigFileIsReadInsteadOfTheDefault()
            throws IOException
    {
        write("server:\n  port: 1\n");
        Path other = home.resolve("other.yml");
        Files.writeString(other, "server:\n  port: 2\n  bogus: 1\n");

        assertThatThrownBy(() -> new ConfigLoader(home, environment).load(Optional.of(Path.of("other.yml"))))
                .hasMessageStartingWith("other.yml:3:3: unknown key 'bogus' in 'server'");
    }

    @Test
    void explicitConfigFileOutsideHomeIsShownWithItsFullPath(@TempDir Path elsewhere)
            throws IOException
    {
        Path file = elsewhere.resolve("slipway.yml");
        Files.writeString(file, "server:\n  port: x\n");

        assertThatThrownBy(() -> new ConfigLoader(home, environment).load(Optional.of(file)))
                .hasMessage(file + ":2:9: 'server.port' must be a whole number, was 'x'");
    }

    @Test
    void missingExplicitConfigFileIsAnError()
    {
        assertThatThrownBy(() -> new ConfigLoader(home, environment).load(Optional.of(Path.of("missing.yml"))))
                .isInstanceOf(SlipwayException.class)
                .hasMessage("Configuration file " + home.resolve("missing.yml") + " does not exist");
    }

    @ParameterizedTest
    @CsvSource({
            "30, PT30S",
            "250ms, PT0.25S",
            "45s, PT45S",
            "5m, PT5M",
            "2h, PT2H",
            "1d, PT24H",
            "PT1M30S, PT1M30S",
            "pt10s, PT10S",
    })
    void durationsAcceptShortAndIsoForms(String value, String expected)
            throws IOException
    {
        write("plugins:\n  call-timeout: " + value + "\n");

        assertThat(load().plugins().callTimeout()).isEqualTo(Duration.parse(expected));
    }

    @Test
    void passwordIsMaskedWhenTheConfigIsPrinted()
            throws IOException
    {
        write("database:\n  password: hunter2\n");

        assertThat(load().toString()).doesNotContain("hunter2");
    }

    private SlipwayConfig load()
    {
        return new ConfigLoader(home, environment).load(Optional.empty());
    }

    private void write(String yaml)
            throws IOException
    {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/slipway.yml"), yaml);
    }
}
