package dev.slipway.plugins.directorysource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.CheckResult;
import dev.slipway.api.ExtensionFactory;
import dev.slipway.api.source.SourceProvider;
import dev.slipway.testkit.ConfigAssertions;
import dev.slipway.testkit.ExtensionFactoryContractTest;
import dev.slipway.testkit.TestingExtensionContext;

/** The factory keeps every factory promise of the test kit, and checks the directory setting. */
final class DirectorySourcePluginTest
        extends ExtensionFactoryContractTest<SourceProvider>
{
    @TempDir
    Path temp;

    @Override
    protected ExtensionFactory<SourceProvider> factory()
    {
        return new DirectorySourceProviderFactory();
    }

    @Override
    protected Map<String, ?> validConfig()
    {
        return Map.of("path", temp.toString());
    }

    @Test
    void pluginContributesTheDirectorySourceOnly()
    {
        DirectorySourcePlugin plugin = new DirectorySourcePlugin();

        assertThat(plugin.sourceProviders()).singleElement().satisfies(factory -> assertThat(factory.id()).isEqualTo("directory"));
        assertThat(plugin.executors()).isEmpty();
        assertThat(plugin.artifactStores()).isEmpty();
    }

    @Test
    void pathIsRequiredAndAbsolute()
    {
        ConfigAssertions.assertSchemaRejects(factory(), Map.of(), "path", "required");
        ConfigAssertions.assertSchemaRejects(factory(), Map.of("path", "relative/dir"), "path", "must be an absolute path");
        ConfigAssertions.assertSchemaRejects(factory(), Map.of("path", " "), "path", "must not be blank");
        ConfigAssertions.assertSchemaRejects(factory(), Map.of("dir", "/srv"), "dir", "unknown key");
        ConfigAssertions.assertSchemaAccepts(factory(), Map.of("path", "/srv/does-not-exist-yet"));
    }

    @Test
    void checkSaysWhetherTheDirectoryIsThere()
            throws Exception
    {
        ExtensionFactory<SourceProvider> factory = factory();
        CheckResult missing = factory.check(factory.configSchema().bind(Map.of("path", temp.resolve("missing").toString())), TestingExtensionContext.create());
        CheckResult present = factory.check(factory.configSchema().bind(Map.of("path", Files.createDirectories(temp.resolve("here")).toString())),
                TestingExtensionContext.create());

        assertThat(missing.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(missing.message()).contains("does not exist");
        assertThat(present.status()).isEqualTo(CheckResult.Status.OK);
    }
}
