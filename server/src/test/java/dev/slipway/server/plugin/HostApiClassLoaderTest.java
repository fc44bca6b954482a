package dev.slipway.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.slipway.api.SlipwayPlugin;

class HostApiClassLoaderTest
{
    private final HostApiClassLoader loader = new HostApiClassLoader(HostApiClassLoaderTest.class.getClassLoader());

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.String", "java.sql.Connection", "javax.net.ssl.SSLContext", "dev.slipway.api.SlipwayPlugin",
            "dev.slipway.api.config.ConfigSchema", "org.slf4j.Logger", "org.slf4j.LoggerFactory"})
    void showsTheJdkThePluginApiAndSlf4j(String className)
            throws ClassNotFoundException
    {
        assertThat(loader.loadClass(className)).isNotNull();
    }

    @Test
    void sharesTheServersApiClassesInsteadOfCopies()
            throws ClassNotFoundException
    {
        assertThat(loader.loadClass("dev.slipway.api.SlipwayPlugin")).isSameAs(SlipwayPlugin.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.google.inject.Injector", "org.pf4j.PluginManager", "com.fasterxml.jackson.databind.ObjectMapper",
            "org.eclipse.jetty.server.Server", "dev.slipway.server.plugin.PluginManager", "dev.slipway.testplugins.alpha.AlphaPlugin",
            "org.h2.Driver", "dev.slipway.apis.Lookalike", "org.slf4jx.Lookalike"})
    void hidesEverythingElseOfTheServer(String className)
    {
        assertThatThrownBy(() -> loader.loadClass(className))
                .isInstanceOf(ClassNotFoundException.class)
                .hasMessageContaining("plugins see only the JDK, dev.slipway.api.*, org.slf4j.* from the server");
    }

    @Test
    void showsOnlyTheSharedResources()
    {
        assertThat(loader.getResource("dev/slipway/api/SlipwayPlugin.class")).isNotNull();
        assertThat(loader.getResource("simplelogger.properties")).isNull();
        assertThat(loader.getResource("db/migration/V1__server_metadata.sql")).isNull();
    }
}
