package dev.slipway.plugins.directorysource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

import dev.slipway.api.SlipwayPlugin;
import dev.slipway.api.source.Revision;
import dev.slipway.api.source.SourceProvider;
import dev.slipway.api.source.SourceProviderFactory;
import dev.slipway.testkit.TestingExtensionContext;
import dev.slipway.testkit.TestingFetchRequest;
import dev.slipway.testkit.TestingRevisionRequest;
import dev.slipway.testkit.TestingSourceContext;

/** The built plugin zip: PF4J layout and manifest, and it loads in PF4J and fetches through the plugin class loader. */
final class DirectorySourcePluginZipIT
{
    private final Path zip = Path.of(System.getProperty("plugin.zip", "target/directory-source.zip"));

    @TempDir
    Path temp;

    @Test
    void zipHoldsTheClassesWithThePluginManifest()
            throws IOException
    {
        assertThat(zip).as("the plugin zip built by 'package'").isRegularFile();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<String> names = Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
            Attributes manifest;
            try (InputStream in = file.getInputStream(file.getEntry("classes/META-INF/MANIFEST.MF"))) {
                manifest = new Manifest(in).getMainAttributes();
            }
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("directory-source");
            assertThat(manifest.getValue("Plugin-Version")).isEqualTo(System.getProperty("plugin.version"));
            assertThat(manifest.getValue("Plugin-Class")).isEqualTo(DirectorySourcePlugin.class.getName());
            assertThat(names).contains("classes/dev/slipway/plugins/directorysource/DirectorySourceProvider.class");
            assertThat(names).noneMatch(name -> name.startsWith("classes/dev/slipway/api/") || name.startsWith("lib/"));
        }
    }

    @Test
    void pluginLoadsInPf4jAndFetchesADirectory()
            throws Exception
    {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Files.copy(zip, plugins.resolve(zip.getFileName()));
        PluginManager manager = new DefaultPluginManager(plugins);
        manager.setSystemVersion(System.getProperty("slipway.api.version"));
        manager.loadPlugins();
        try {
            assertThat(manager.getPlugin("directory-source").getPluginState()).isEqualTo(PluginState.RESOLVED);
            Class<?> pluginClass = manager.getPluginClassLoader("directory-source").loadClass(DirectorySourcePlugin.class.getName());
            assertThat(pluginClass.getClassLoader()).isNotSameAs(DirectorySourcePlugin.class.getClassLoader());
            SlipwayPlugin plugin = (SlipwayPlugin) pluginClass.getConstructor().newInstance();
            SourceProviderFactory factory = plugin.sourceProviders().get(0);
            Path source = Files.createDirectories(temp.resolve("source"));
            Files.writeString(source.resolve("buildspec.yml"), "version: 0.2\n");
            Path target = Files.createDirectories(temp.resolve("target"));

            try (SourceProvider provider = factory.create(factory.configSchema().bind(Map.of("path", source.toString())), TestingExtensionContext.create())) {
                Revision revision = provider.resolve(TestingRevisionRequest.defaultVersion(), TestingSourceContext.create());
                provider.fetch(TestingFetchRequest.of(revision, target), TestingSourceContext.create());
            }

            assertThat(target.resolve("buildspec.yml")).hasContent("version: 0.2");
        }
        finally {
            manager.unloadPlugins();
        }
    }
}
