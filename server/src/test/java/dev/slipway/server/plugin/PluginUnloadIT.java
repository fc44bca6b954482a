package dev.slipway.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.slipway.api.ExtensionKind;
import dev.slipway.api.notification.Notifier;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.testplugins.TestPlugins;

/**
 * After an unload nothing in the server may hold the plugin's class loader: not PF4J, the extension registry, the
 * instance cache, the call threads, Jersey or Jackson. A leak here would keep every unloaded version of a plugin in
 * memory until the server restarts.
 */
class PluginUnloadIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = SlipwayServerExtension.builder().plugins(TestPlugins::alpha).plugins(TestPlugins::beta).build();

    @Test
    void anUnloadedPluginsClassLoaderIsGarbageCollected(TestHttpClient client)
    {
        WeakReference<ClassLoader> classLoader = exerciseAlpha(client);

        assertThat(client.delete("/api/v1/plugins/alpha").json().path("state").asText()).isEqualTo("UNLOADED");
        assertThat(client.get("/api/v1/plugins").status()).isEqualTo(200);

        await("the class loader of the unloaded plugin is collected")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    System.gc();
                    return classLoader.get() == null;
                });

        assertThat(client.post("/api/v1/plugins/alpha/load").json().path("state").asText()).isEqualTo("STARTED");
        assertThat(client.get("/api/v1/plugins/beta").json().path("state").asText()).isEqualTo("STARTED");
    }

    /**
     * Uses the plugin the ways a server does (list it, create and call an instance) and returns only a weak reference
     * to its class loader: no strong reference may survive in this test's own stack frame.
     */
    private static WeakReference<ClassLoader> exerciseAlpha(TestHttpClient client)
    {
        PluginManager plugins = server.server().instance(PluginManager.class);
        ClassLoader loader = plugins.classLoader("alpha").orElseThrow();
        ExtensionInstance<Notifier> notifier = server.server().instance(ExtensionInstances.class)
                .instance(ExtensionKind.NOTIFIER, "alpha", Map.of("name", "leak"), Notifier.class);
        assertThat(notifier.instance().getClass().getClassLoader()).isSameAs(loader);
        assertThat(notifier.call("interestedIn", Notifier::interestedIn)).isNotEmpty();
        assertThat(client.get("/api/v1/plugins/alpha").json().path("extensions")).hasSize(1);
        return new WeakReference<>(loader);
    }
}
