package dev.slipway.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.ExtensionContext;
import dev.slipway.api.ExtensionKind;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.executor.Executor;
import dev.slipway.api.executor.ExecutorFactory;

class ExtensionRegistryTest
{
    private final ExtensionRegistry registry = new ExtensionRegistry();

    @Test
    void findsFactoriesByKindAndId()
    {
        registry.register("local-executor", List.of(extension("local-executor", ExtensionKind.EXECUTOR, "local")));

        assertThat(registry.find(ExtensionKind.EXECUTOR, "local")).hasValueSatisfying(found -> assertThat(found.owner().pluginId()).isEqualTo("local-executor"));
        assertThat(registry.find(ExtensionKind.ARTIFACT_STORE, "local")).isEmpty();
        assertThat(registry.ofPlugin("local-executor")).extracting(RegisteredExtension::id).containsExactly("local");
    }

    @Test
    void theSameIdMayExistOnceForEachKind()
    {
        registry.register("a", List.of(extension("a", ExtensionKind.EXECUTOR, "same")));
        registry.register("b", List.of(extension("b", ExtensionKind.NOTIFIER, "same")));

        assertThat(registry.require(ExtensionKind.EXECUTOR, "same").owner().pluginId()).isEqualTo("a");
        assertThat(registry.require(ExtensionKind.NOTIFIER, "same").owner().pluginId()).isEqualTo("b");
    }

    @Test
    void aDuplicateIdFailsTheSecondPluginNamingBothAndRegistersNoneOfItsFactories()
    {
        registry.register("docker-executor", List.of(extension("docker-executor", ExtensionKind.EXECUTOR, "docker")));

        assertThatThrownBy(() -> registry.register("other", List.of(
                extension("other", ExtensionKind.EXECUTOR, "podman"),
                extension("other", ExtensionKind.EXECUTOR, "docker"))))
                .isInstanceOf(SlipwayException.class)
                .hasMessage("Plugin 'other' cannot register executor 'docker': plugin 'docker-executor' already registered it. "
                        + "Factory ids must be unique per kind; remove one of the plugins or rename the factory")
                .satisfies(e -> assertThat(((SlipwayException) e).errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        assertThat(registry.find(ExtensionKind.EXECUTOR, "podman")).isEmpty();
        assertThat(registry.require(ExtensionKind.EXECUTOR, "docker").owner().pluginId()).isEqualTo("docker-executor");
    }

    @Test
    void aPluginCannotRegisterTheSameIdTwice()
    {
        assertThatThrownBy(() -> registry.register("twice", List.of(extension("twice", ExtensionKind.EXECUTOR, "x"), extension("twice", ExtensionKind.EXECUTOR, "x"))))
                .hasMessageContaining("it already contributes another one with that id");
    }

    @Test
    void unregisteringRemovesOnlyThatPluginsFactories()
    {
        registry.register("a", List.of(extension("a", ExtensionKind.EXECUTOR, "one")));
        registry.register("b", List.of(extension("b", ExtensionKind.EXECUTOR, "two")));

        registry.unregister("a");

        assertThat(registry.all(ExtensionKind.EXECUTOR)).extracting(RegisteredExtension::id).containsExactly("two");
        registry.register("c", List.of(extension("c", ExtensionKind.EXECUTOR, "one")));
    }

    @Test
    void requireListsWhatIsAvailable()
    {
        registry.register("a", List.of(extension("a", ExtensionKind.EXECUTOR, "local"), extension("a", ExtensionKind.EXECUTOR, "docker")));

        assertThatThrownBy(() -> registry.require(ExtensionKind.EXECUTOR, "dockr"))
                .isInstanceOf(SlipwayException.class)
                .hasMessage("No executor 'dockr' is installed. Available: [docker, local]");
    }

    private static RegisteredExtension extension(String pluginId, ExtensionKind kind, String id)
    {
        ExecutorFactory factory = new ExecutorFactory()
        {
            @Override
            public String id()
            {
                return id;
            }

            @Override
            public String displayName()
            {
                return id;
            }

            @Override
            public ConfigSchema configSchema()
            {
                return ConfigSchema.empty();
            }

            @Override
            public Executor create(ConfigValues config, ExtensionContext context)
            {
                throw new UnsupportedOperationException();
            }
        };
        return new RegisteredExtension(kind, id, id, "", Map.of(), factory, new PluginOwner(pluginId, ExtensionRegistryTest.class.getClassLoader()));
    }
}
