package dev.slipway.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The release tarball as a user gets it: unpacked into a new directory (not where it was built), started with
 * {@code bin/slipway server} as a child process, stopped with SIGTERM.
 */
class DistributionIT
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void unpackedTarballServesHealthAndBothBundledPluginsAndStopsCleanlyOnSigterm()
            throws IOException
    {
        Installation installation = Installation.unpack(directory);
        int port = Installation.freePort();
        Map<String, String> environment = Map.of("SLIPWAY_SERVER_PORT", Integer.toString(port), "SLIPWAY_DATA", directory.resolve("data").toString());

        try (Installation.Server server = new Installation.Server(installation.command(environment, "server"), directory.resolve("server.log"), port)) {
            server.awaitHealthy();

            JsonNode health = JSON.readTree(server.get("api/v1/health").body());
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("database").path("product").asText()).isEqualTo("H2");
            assertThat(health.path("plugins").toString()).isEqualTo("{\"total\":2,\"started\":2,\"failed\":0}");

            JsonNode plugins = JSON.readTree(server.get("api/v1/plugins").body()).path("plugins");
            assertThat(plugins.findValuesAsText("id")).contains("local-executor", "filesystem-artifacts");
            assertThat(plugin(plugins, "local-executor").path("state").asText()).isEqualTo("STARTED");
            assertThat(plugin(plugins, "filesystem-artifacts").path("state").asText()).isEqualTo("STARTED");
            JsonNode executor = extension(plugin(plugins, "local-executor"), "executor", "local");
            JsonNode store = extension(plugin(plugins, "filesystem-artifacts"), "artifact-store", "filesystem");
            for (JsonNode extension : List.of(executor, store)) {
                assertThat(extension.path("configSchema").path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
                assertThat(extension.path("configSchema").path("type").asText()).isEqualTo("object");
                assertThat(extension.path("configSchema").path("properties").isObject()).isTrue();
            }

            assertThat(server.get("").body()).contains("<div id=\"app\">");

            assertThat(server.terminate()).as(server.output()).isZero();
            List<String> lines = server.output().lines().toList();
            assertThat(lines).anyMatch(line -> line.contains("Stopping the HTTP server"))
                    .anyMatch(line -> line.contains("Plugin 'local-executor' stopped"))
                    .anyMatch(line -> line.contains("Plugin 'filesystem-artifacts' stopped"))
                    .anyMatch(line -> line.contains("Database closed"));
            assertThat(lines.get(lines.size() - 1)).contains("Slipway stopped in");
            assertThat(server.output()).doesNotContain("Exception", "\tat ", "WARN", "ERROR");
        }
    }

    @Test
    void unknownKeyInConfigurationExitsNonZeroNamingKeyLineAndColumnWithoutAStackTrace()
            throws IOException
    {
        Installation installation = Installation.unpack(directory);
        Files.writeString(installation.home().resolve("conf/slipway.yml"), "server:\n  host: 127.0.0.1\n  prot: 9090\n");

        Installation.Result result = Installation.run(installation.command(Map.of("SLIPWAY_DATA", directory.resolve("data").toString()), "server"),
                directory.resolve("server.log"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines()).containsExactly("slipway: conf/slipway.yml:3:3: unknown key 'prot' in 'server' "
                + "(known keys: host, port, shutdown-grace-period, console-directory, max-request-body)");
    }

    @Test
    void malformedYamlInConfigurationExitsNonZeroNamingLineAndColumnWithoutAStackTrace()
            throws IOException
    {
        Installation installation = Installation.unpack(directory);
        Files.writeString(installation.home().resolve("conf/slipway.yml"), "server:\n  port: 9090\n   host: 127.0.0.1\n");

        Installation.Result result = Installation.run(installation.command(Map.of("SLIPWAY_DATA", directory.resolve("data").toString()), "server"),
                directory.resolve("server.log"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines()).hasSize(1);
        assertThat(result.output()).startsWith("slipway: conf/slipway.yml:3:").contains("invalid YAML").doesNotContain("\tat ", "Exception");
    }

    @Test
    void shippedConfigurationFileHoldsOnlyCommentedDefaultsThatTheServerAccepts()
            throws IOException
    {
        Installation installation = Installation.unpack(directory);
        List<String> lines = Files.readAllLines(installation.home().resolve("conf/slipway.yml"));
        assertThat(lines).allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"));

        // Every default, uncommented, is a valid configuration: the file documents keys that exist.
        String uncommented = String.join("\n", lines.stream()
                .filter(line -> line.matches("^\\s*#[a-z-]+:.*"))
                .filter(line -> !line.contains("postgresql") && !line.contains("user:") && !line.contains("password:") && !line.contains("console-directory"))
                .map(line -> line.replaceFirst("#", ""))
                .toList());
        Files.writeString(installation.home().resolve("conf/slipway.yml"), uncommented + "\n");
        Installation.Result result = Installation.run(installation.command(Map.of("SLIPWAY_SERVER_PORT", "-1"), "server"), directory.resolve("server.log"));

        // The environment's invalid port is the first and only problem: the file itself was read without one.
        assertThat(result.exitCode()).as(uncommented).isEqualTo(1);
        assertThat(result.lines()).as(uncommented).last()
                .isEqualTo("slipway: environment variable SLIPWAY_SERVER_PORT: 'server.port' must be between 0 and 65535, was -1");
    }

    @Test
    void firstServerOfAMovedInstallationWritesTheClassDataArchiveThatTheNextStartMaps()
            throws IOException
    {
        Installation installation = Installation.unpack(directory);
        Path archive = installation.home().resolve("lib/slipway.jsa");
        int port = Installation.freePort();
        Map<String, String> environment = Map.of("SLIPWAY_SERVER_PORT", Integer.toString(port), "SLIPWAY_DATA", directory.resolve("data").toString());

        try (Installation.Server server = new Installation.Server(installation.command(environment, "server"), directory.resolve("server.log"), port)) {
            server.awaitHealthy();
            assertThat(server.terminate()).as(server.output()).isZero();
        }

        assertThat(archive).isNotEmptyFile();
        assertThat(Files.readString(installation.home().resolve("lib/slipway.jsa.id"))).endsWith(" " + installation.home().toRealPath() + "\n");
        // -Xshare:on makes the JVM refuse to start when it cannot map the archive (another JVM, jars moved).
        Installation.Result version = Installation.run(installation.command(Map.of("SLIPWAY_JAVA_OPTS", "-Xshare:on"), "--version"),
                directory.resolve("version.log"));
        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("slipway ");
    }

    private static JsonNode plugin(JsonNode plugins, String id)
    {
        for (JsonNode plugin : plugins) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin;
            }
        }
        throw new AssertionError("No plugin '" + id + "' in " + plugins);
    }

    private static JsonNode extension(JsonNode plugin, String kind, String id)
    {
        for (JsonNode extension : plugin.path("extensions")) {
            if (extension.path("kind").asText().equals(kind) && extension.path("id").asText().equals(id)) {
                return extension;
            }
        }
        throw new AssertionError("No " + kind + " '" + id + "' in " + plugin);
    }
}
