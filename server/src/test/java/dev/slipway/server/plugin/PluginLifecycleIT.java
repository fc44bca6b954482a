package dev.slipway.server.plugin;

import static dev.slipway.server.plugin.PluginRuntimeIT.byId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.ExtensionKind;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.executor.Executor;
import dev.slipway.api.notification.Notifier;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestResponse;
import dev.slipway.testkit.packaging.PluginArchive;
import dev.slipway.testplugins.TestPlugins;
import dev.slipway.testplugins.gamma.GammaGreeting;
import dev.slipway.testplugins.gamma.GammaPlugin;

/** Stopping, starting, unloading and loading plugins while the server runs. Every test leaves the plugins it touched STARTED. */
class PluginLifecycleIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = SlipwayServerExtension.builder()
            .plugins(TestPlugins::alpha)
            .plugins(TestPlugins::beta)
            .plugins(TestPlugins::gamma)
            .plugins(TestPlugins::throwing)
            .build();

    @Test
    void stopsAndStartsAPluginAtRuntime(TestHttpClient client)
            throws IOException
    {
        TestResponse stopped = client.post("/api/v1/plugins/beta/stop");

        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().path("state").asText()).isEqualTo("STOPPED");
        assertThat(stopped.json().path("extensions")).isEmpty();
        assertThat(server.server().instance(ExtensionRegistry.class).find(ExtensionKind.NOTIFIER, "beta")).isEmpty();
        assertThat(client.post("/api/v1/plugins/beta/stop").json().path("state").asText()).isEqualTo("STOPPED");

        TestResponse started = client.post("/api/v1/plugins/beta/start");

        assertThat(started.status()).isEqualTo(200);
        assertThat(started.json().path("state").asText()).isEqualTo("STARTED");
        assertThat(started.json().path("extensions").get(0).path("id").asText()).isEqualTo("beta");
        assertThat(Files.readAllLines(server.dataDirectory().resolve("plugins/beta/events.log"))).endsWith("started", "stopped", "started");
    }

    @Test
    void unloadsAPluginKeepsItListedAndLoadsItAgain(TestHttpClient client)
            throws IOException
    {
        Path visibility = server.dataDirectory().resolve("plugins/gamma/visibility.txt");
        Files.delete(visibility);

        TestResponse unloaded = client.delete("/api/v1/plugins/gamma");

        assertThat(unloaded.status()).isEqualTo(200);
        assertThat(unloaded.json().path("state").asText()).isEqualTo("UNLOADED");
        assertThat(unloaded.json().path("error").isNull()).isTrue();
        assertThat(byId(client.get("/api/v1/plugins").json()).get("gamma").path("state").asText()).isEqualTo("UNLOADED");
        assertThat(server.pluginsDirectory().resolve("gamma-1.0.0.zip")).exists();

        TestResponse conflict = client.post("/api/v1/plugins/gamma/start");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().path("code").asText()).isEqualTo("CONFLICT");
        assertThat(conflict.json().path("message").asText()).isEqualTo("Plugin 'gamma' is not loaded (UNLOADED) and cannot be started; load it first");

        TestResponse loaded = client.post("/api/v1/plugins/gamma/load");

        assertThat(loaded.status()).isEqualTo(200);
        assertThat(loaded.json().path("state").asText()).isEqualTo("STARTED");
        assertThat(visibility).exists();
        TestResponse loadedTwice = client.post("/api/v1/plugins/gamma/load");
        assertThat(loadedTwice.status()).isEqualTo(409);
        assertThat(loadedTwice.json().path("message").asText()).isEqualTo("Plugin 'gamma' is already loaded (STARTED); start or stop it instead");
    }

    @Test
    void aFailedPluginLoadsFromItsReplacedZip(TestHttpClient client)
    {
        assertThat(byId(client.get("/api/v1/plugins").json()).get("throwing").path("state").asText()).isEqualTo("FAILED");
        assertThat(client.delete("/api/v1/plugins/throwing").json().path("state").asText()).isEqualTo("UNLOADED");
        PluginArchive.builder("throwing").version("1.0.1").requires(TestPlugins.REQUIRES).pluginClass(GammaPlugin.class)
                .addLibJar("gamma-greeting-1.0.jar", GammaGreeting.class).writeTo(server.pluginsDirectory(), "throwing-1.0.0.zip");

        JsonNode loaded = client.post("/api/v1/plugins/throwing/load").json();

        assertThat(loaded.path("state").asText()).isEqualTo("STARTED");
        assertThat(loaded.path("version").asText()).isEqualTo("1.0.1");
        assertThat(loaded.path("error").isNull()).isTrue();
    }

    @Test
    void createsOneInstancePerConfigurationAndClosesThemNewestFirstWhenThePluginStops(TestHttpClient client)
            throws IOException
    {
        ExtensionInstances instances = server.server().instance(ExtensionInstances.class);
        ExtensionInstance<Notifier> one = instances.instance(ExtensionKind.NOTIFIER, "alpha", Map.of("name", "one"), Notifier.class);
        ExtensionInstance<Notifier> two = instances.instance(ExtensionKind.NOTIFIER, "alpha", Map.of("name", "two", "retries", 5), Notifier.class);

        assertThat(instances.instance(ExtensionKind.NOTIFIER, "alpha", Map.of("name", "one"), Notifier.class)).isSameAs(one);
        assertThat(two).isNotSameAs(one);
        assertThat(one.pluginId()).isEqualTo("alpha");
        assertThat(one.call("interestedIn", Notifier::interestedIn)).hasSize(1);

        assertThat(client.post("/api/v1/plugins/alpha/stop").json().path("state").asText()).isEqualTo("STOPPED");

        List<String> events = Files.readAllLines(server.dataDirectory().resolve("plugins/alpha/events.log"));
        assertThat(events.subList(events.size() - 5, events.size())).containsExactly("created one", "created two", "closed two", "closed one", "stopped alpha");
        assertThatThrownBy(() -> instances.instance(ExtensionKind.NOTIFIER, "alpha", Map.of("name", "one"), Notifier.class))
                .isInstanceOf(SlipwayException.class)
                .hasMessage("No notifier 'alpha' is installed. Available: [beta]");
        assertThat(client.post("/api/v1/plugins/alpha/start").json().path("state").asText()).isEqualTo("STARTED");
    }

    @Test
    void checksAnInstancesConfigurationAgainstTheSchemaAndTheFactory()
    {
        ExtensionInstances instances = server.server().instance(ExtensionInstances.class);

        assertThatThrownBy(() -> instances.instance(ExtensionKind.NOTIFIER, "alpha", Map.of("retries", 11), Notifier.class))
                .isInstanceOf(SlipwayException.class)
                .satisfies(e -> {
                    SlipwayException error = (SlipwayException) e;
                    assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG);
                    assertThat(error.details()).containsExactlyInAnyOrder("retries: must be between 0 and 10, was 11", "name: is required");
                });
        assertThatThrownBy(() -> instances.instance(ExtensionKind.NOTIFIER, "alpha", Map.of("name", "invalid"), Notifier.class))
                .isInstanceOf(SlipwayException.class)
                .hasMessage("Invalid configuration for notifier 'alpha': name: must not be 'invalid'");
        assertThatThrownBy(() -> instances.instance(ExtensionKind.EXECUTOR, "local", Map.of(), Executor.class))
                .isInstanceOf(SlipwayException.class)
                .hasMessage("No executor 'local' is installed. Available: []");
    }
}
