package dev.slipway.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
    void unpackedTarballServesHealthAndAllThreeBundledPluginsAndStopsCleanlyOnSigterm()
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
            assertThat(health.path("plugins").toString()).isEqualTo("{\"total\":3,\"started\":3,\"failed\":0,\"states\":{\"directory-source\":\"STARTED\",\"filesystem-artifacts\":\"STARTED\",\"local-executor\":\"STARTED\"}}");

            JsonNode plugins = JSON.readTree(server.get("api/v1/plugins").body()).path("plugins");
            List<String> ids = new ArrayList<>();
            plugins.forEach(plugin -> ids.add(plugin.path("id").asText()));
            assertThat(ids).containsExactlyInAnyOrder("local-executor", "filesystem-artifacts", "directory-source");
            assertThat(plugin(plugins, "local-executor").path("state").asText()).isEqualTo("STARTED");
            assertThat(plugin(plugins, "filesystem-artifacts").path("state").asText()).isEqualTo("STARTED");
            assertThat(plugin(plugins, "directory-source").path("state").asText()).isEqualTo("STARTED");
            JsonNode executor = extension(plugin(plugins, "local-executor"), "executor", "local");
            JsonNode store = extension(plugin(plugins, "filesystem-artifacts"), "artifact-store", "filesystem");
            JsonNode source = extension(plugin(plugins, "directory-source"), "source-provider", "directory");
            for (JsonNode extension : List.of(executor, store, source)) {
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
                    .anyMatch(line -> line.contains("Plugin 'directory-source' stopped"))
                    .anyMatch(line -> line.contains("Database closed"));
            assertThat(lines.get(lines.size() - 1)).contains("Slipway stopped in");
            assertThat(server.output()).doesNotContain("Exception", "\tat ", "WARN", "ERROR");
        }
    }

    @Test
    void projectWithADirectorySourceBuildsFromTheUnpackedTarballWithTheBundledPlugins()
            throws IOException
    {
        Installation installation = Installation.unpack(directory);
        Path source = Files.createDirectories(directory.resolve("source"));
        Files.writeString(source.resolve("greeting.txt"), "hello from the source tree\n");
        Files.writeString(source.resolve("buildspec.yml"), """
                version: 0.2
                phases:
                  build:
                    commands:
                      - cat greeting.txt
                      - mkdir -p out && cp greeting.txt out/
                artifacts:
                  files: ['out/*']
                """);
        int port = Installation.freePort();
        Map<String, String> environment = Map.of("SLIPWAY_SERVER_PORT", Integer.toString(port), "SLIPWAY_DATA", directory.resolve("data").toString());

        try (Installation.Server server = new Installation.Server(installation.command(environment, "server"), directory.resolve("server.log"), port)) {
            server.awaitHealthy();

            ObjectNode project = JSON.createObjectNode();
            project.put("name", "from-directory");
            project.putObject("source").put("type", "directory").putObject("config").put("path", source.toString());
            project.putObject("artifacts").put("store", "default");
            HttpResponse<String> created = server.post("api/v1/projects", project.toString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            HttpResponse<String> started = server.post("api/v1/projects/from-directory/builds", "{}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            String id = JSON.readTree(started.body()).path("id").asText();

            AtomicReference<JsonNode> build = new AtomicReference<>();
            await("build " + id + " ends").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                build.set(JSON.readTree(server.get("api/v1/builds/" + id).body()));
                assertThat(build.get().path("status").asText()).as(build.get().toString()).isNotEqualTo("IN_PROGRESS");
            });
            JsonNode ended = build.get();
            assertThat(ended.path("status").asText()).as(ended.toPrettyString()).isEqualTo("SUCCEEDED");
            assertThat(ended.path("environment").path("executor").asText()).isEqualTo("local");
            assertThat(ended.path("resolvedSourceVersion").asText()).matches("[0-9a-f]{64}");
            // The filesystem store wrote the artifact into this installation's data directory.
            Path artifact = Path.of(URI.create(ended.path("artifacts").path("primary").path("location").asText()));
            assertThat(artifact).isRegularFile();
            assertThat(artifact.toRealPath()).startsWith(directory.resolve("data").toRealPath());

            JsonNode log = JSON.readTree(server.get("api/v1/builds/" + id + "/logs?from=0&limit=10000").body());
            List<String> lines = new ArrayList<>();
            log.path("lines").forEach(line -> lines.add(line.asText()));
            assertThat(lines).as(log.toPrettyString()).contains("hello from the source tree");

            assertThat(server.terminate()).as(server.output()).isZero();
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
