package dev.slipway.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestResponse;
import dev.slipway.testkit.packaging.PluginArchive;
import dev.slipway.testplugins.TestPlugins;
import dev.slipway.testplugins.beta.BetaPlugin;

/** One server with three good plugins and seven broken ones; these tests only look, they change nothing. */
class PluginRuntimeIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = SlipwayServerExtension.builder()
            .plugins(TestPlugins::all)
            .plugins(directory -> {
                PluginArchive.builder("beta").version("2.0.0").requires(TestPlugins.REQUIRES).pluginClass(BetaPlugin.class).writeTo(directory, "beta-copy.zip");
                PluginArchive.builder("nameless").manifestEntry("Plugin-Id", null).pluginClass(BetaPlugin.class).writeTo(directory, "nameless.zip");
                try {
                    Files.write(directory.resolve("corrupt.zip"), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'});
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            })
            .build();

    @Test
    void goodPluginsStartAndBrokenOnesFailWithAReadableReason(TestHttpClient client)
    {
        TestResponse response = client.get("/api/v1/plugins");

        assertThat(response.status()).isEqualTo(200);
        Map<String, JsonNode> plugins = byId(response.json());
        assertThat(plugins).containsOnlyKeys("alpha", "beta", "gamma", "throwing", "missing-class", "future", "duplicate", "nameless", "corrupt");
        assertThat(plugins.get("alpha").path("state").asText()).isEqualTo("STARTED");
        assertThat(plugins.get("beta").path("state").asText()).isEqualTo("STARTED");
        assertThat(plugins.get("gamma").path("state").asText()).isEqualTo("STARTED");
        assertThat(plugins.get("alpha").path("error").isNull()).isTrue();

        assertThat(failure(plugins.get("throwing")).path("message").asText())
                .isEqualTo("Plugin 'throwing' failed in start: IllegalStateException: the license file is missing");

        JsonNode missingClass = failure(plugins.get("missing-class"));
        assertThat(missingClass.path("message").asText())
                .isEqualTo("Plugin 'missing-class' failed in start: NoClassDefFoundError: dev/slipway/testplugins/broken/MissingHelper");
        assertThat(texts(missingClass.path("details"))).contains("class dev.slipway.testplugins.broken.MissingHelper is missing: bundle it in the plugin's "
                + "classes/ or lib/ (plugins see only the JDK, dev.slipway.api and org.slf4j from the server)");

        assertThat(failure(plugins.get("future")).path("message").asText())
                .isEqualTo("Plugin 'future' 3.0.0 requires Slipway plugin API >=2.0.0 & <3.0.0, but this server provides 0.1.0; "
                        + "install a version of the plugin built for this server");

        assertThat(failure(plugins.get("duplicate")).path("message").asText())
                .isEqualTo("Plugin 'duplicate' cannot register notifier 'alpha': plugin 'alpha' already registered it. "
                        + "Factory ids must be unique per kind; remove one of the plugins or rename the factory");
        assertThat(plugins.get("duplicate").path("extensions")).isEmpty();
    }

    @Test
    void zipsThatCannotBeLoadedAreListedAsFailedUnderTheirFileName(TestHttpClient client)
    {
        List<JsonNode> plugins = new ArrayList<>();
        client.get("/api/v1/plugins").json().path("plugins").forEach(plugins::add);

        JsonNode copy = plugins.stream().filter(plugin -> plugin.path("path").asText().equals("beta-copy.zip")).findFirst().orElseThrow();
        assertThat(copy.path("id").asText()).isEqualTo("beta");
        assertThat(failure(copy).path("message").asText())
                .isEqualTo("Plugin id 'beta' of beta-copy.zip is already used by beta-1.0.0.zip; remove one of the two zips from " + server.pluginsDirectory());
        assertThat(byId(client.get("/api/v1/plugins").json()).get("beta").path("path").asText()).isEqualTo("beta-1.0.0.zip");

        JsonNode nameless = plugins.stream().filter(plugin -> plugin.path("path").asText().equals("nameless.zip")).findFirst().orElseThrow();
        assertThat(failure(nameless).path("message").asText())
                .isEqualTo("Plugin 'nameless' cannot be loaded from nameless.zip: nameless.zip has no Plugin-Id in classes/META-INF/MANIFEST.MF");

        JsonNode corrupt = plugins.stream().filter(plugin -> plugin.path("path").asText().equals("corrupt.zip")).findFirst().orElseThrow();
        assertThat(failure(corrupt).path("message").asText()).startsWith("Plugin 'corrupt' cannot be loaded from corrupt.zip: ZipException: ");
    }

    @Test
    void listsManifestFacts(TestHttpClient client)
    {
        JsonNode alpha = byId(client.get("/api/v1/plugins").json()).get("alpha");

        assertThat(alpha.path("version").asText()).isEqualTo("1.0.0");
        assertThat(alpha.path("description").asText()).isEqualTo("The first test plugin");
        assertThat(alpha.path("provider").asText()).isEqualTo("Slipway tests");
        assertThat(alpha.path("requires").asText()).isEqualTo(">=0.1.0 & <1.0.0");
        assertThat(alpha.path("path").asText()).isEqualTo("alpha-1.0.0.zip");
    }

    @Test
    void healthStaysUpAndCountsThePlugins(TestHttpClient client)
    {
        JsonNode health = client.get("/api/v1/health").json();

        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode plugins = health.path("plugins");
        assertThat(List.of(plugins.path("total").asInt(), plugins.path("started").asInt(), plugins.path("failed").asInt())).containsExactly(10, 3, 7);
        assertThat(plugins.path("states").path("alpha").asText()).isEqualTo("STARTED");
        assertThat(plugins.path("states").path("gamma").asText()).isEqualTo("STARTED");
        assertThat(plugins.path("states").path("throwing").asText()).isEqualTo("FAILED");
    }

    @Test
    void startedPluginListsItsFactoriesWithTheirConfigSchemaAsJsonSchema(TestHttpClient client)
            throws IOException
    {
        JsonNode extensions = byId(client.get("/api/v1/plugins").json()).get("alpha").path("extensions");

        assertThat(extensions).hasSize(1);
        JsonNode notifier = extensions.get(0);
        assertThat(notifier.path("kind").asText()).isEqualTo("notifier");
        assertThat(notifier.path("id").asText()).isEqualTo("alpha");
        assertThat(notifier.path("displayName").asText()).isEqualTo("Alpha notifier");
        assertThat(notifier.path("description").asText()).isEqualTo("Records what happens to it");
        assertThat(notifier.path("configSchema")).isEqualTo(new ObjectMapper().readTree("""
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "type": "object",
                  "properties": {
                    "name": {"type": "string", "pattern": "[a-z]+", "title": "Name", "description": "Names the instance in events", "x-slipway-type": "STRING"},
                    "token": {"type": "string", "format": "password", "writeOnly": true, "title": "Token", "description": "A secret", "x-slipway-type": "SECRET"},
                    "retries": {"type": "integer", "minimum": 0, "maximum": 10, "title": "Retries", "description": "How often", "default": 3, "x-slipway-type": "INTEGER"},
                    "verbose": {"type": "boolean", "title": "Verbose", "description": "Say more", "default": false, "x-slipway-type": "BOOLEAN"},
                    "timeout": {"type": "string", "format": "duration", "title": "Timeout", "description": "How long", "default": "PT30S", "x-slipway-type": "DURATION"},
                    "level": {"type": "string", "enum": ["low", "high"], "title": "Level", "description": "How loud", "default": "low", "x-slipway-type": "ENUM"},
                    "events": {"type": "array", "items": {"type": "string"}, "title": "Events", "description": "Which events", "default": ["a", "b"], "x-slipway-type": "STRING_LIST"}
                  },
                  "required": ["name"],
                  "additionalProperties": false
                }
                """));
        assertThat(byId(client.get("/api/v1/plugins").json()).get("beta").path("extensions").get(0).path("configSchema").path("properties")).isEmpty();
    }

    @Test
    void pluginsSeeTheirLibJarsTheJdkTheApiAndSlf4jButNothingElseOfTheServer()
            throws IOException
    {
        List<String> visibility = Files.readAllLines(server.dataDirectory().resolve("plugins/gamma/visibility.txt"));

        assertThat(visibility).containsExactly(
                "greeting=hello from lib",
                "dev.slipway.api.SlipwayPlugin=true",
                "org.slf4j.Logger=true",
                "java.sql.Connection=true",
                "com.google.inject.Injector=false",
                "org.pf4j.PluginManager=false",
                "com.fasterxml.jackson.databind.ObjectMapper=false",
                "dev.slipway.server.bootstrap.Main=false",
                "org.h2.Driver=false",
                "same-api=true");
    }

    @Test
    void pluginCodeRunsWithThePluginsContextClassLoaderAndItsOwnDataDirectory()
            throws IOException
    {
        assertThat(Files.readAllLines(server.dataDirectory().resolve("plugins/alpha/events.log"))).startsWith("started alpha tccl=true");
    }

    @Test
    void oneUnknownPluginIsNotFound(TestHttpClient client)
    {
        TestResponse response = client.post("/api/v1/plugins/nope/stop");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(response.json().path("message").asText()).startsWith("Plugin 'nope' is not installed. Installed plugins: [alpha, beta, beta, corrupt, ");
    }

    @Test
    void onePluginCanBeRead(TestHttpClient client)
    {
        TestResponse response = client.get("/api/v1/plugins/beta");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("id").asText()).isEqualTo("beta");
    }

    static Map<String, JsonNode> byId(JsonNode list)
    {
        Map<String, JsonNode> plugins = new HashMap<>();
        // Two zips may name the same id; the list is sorted by id, then file name, and the first is the one that loaded.
        list.path("plugins").forEach(plugin -> plugins.putIfAbsent(plugin.path("id").asText(), plugin));
        return plugins;
    }

    static JsonNode failure(JsonNode plugin)
    {
        assertThat(plugin.path("state").asText()).as(plugin.toString()).isEqualTo("FAILED");
        return plugin.path("error");
    }

    static List<String> texts(JsonNode array)
    {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
