package dev.slipway.plugins.filesystemartifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import org.pf4j.PluginWrapper;

import dev.slipway.api.SlipwayPlugin;
import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.artifact.ArtifactStoreFactory;
import dev.slipway.testkit.TestingExtensionContext;

/** The built plugin zip: PF4J layout and manifest, no host jars, and it loads and works in PF4J as the server loads it. */
final class FilesystemArtifactsPluginZipIT
{
    private static final List<String> HOST_JAR_PREFIXES = List.of("slipway-plugin-api", "slipway-server", "slf4j-api", "pf4j", "guice", "jakarta.",
            "jersey-", "jackson-", "hk2-");

    private final Path zip = Path.of(System.getProperty("plugin.zip", "target/filesystem-artifacts.zip"));

    @TempDir
    Path temp;

    @Test
    void zipHoldsTheClassesWithThePluginManifestAndNoHostJars()
            throws IOException
    {
        assertThat(zip).as("the plugin zip built by 'package'").isRegularFile();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<String> names = Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
            ZipEntry manifestEntry = file.getEntry("classes/META-INF/MANIFEST.MF");
            assertThat(manifestEntry).as("classes/META-INF/MANIFEST.MF").isNotNull();
            Attributes manifest;
            try (InputStream in = file.getInputStream(manifestEntry)) {
                manifest = new Manifest(in).getMainAttributes();
            }

            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("filesystem-artifacts");
            assertThat(manifest.getValue("Plugin-Version")).isEqualTo(System.getProperty("plugin.version"));
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(System.getProperty("plugin.requires")).startsWith(">=");
            assertThat(manifest.getValue("Plugin-Class")).isEqualTo(FilesystemArtifactsPlugin.class.getName());
            assertThat(manifest.getValue("Plugin-Provider")).isEqualTo("Slipway");
            assertThat(names).contains("classes/dev/slipway/plugins/filesystemartifacts/FilesystemArtifactsPlugin.class");
            assertThat(names).as("host API classes are never bundled").noneMatch(name -> name.startsWith("classes/dev/slipway/api/") || name.startsWith("classes/org/slf4j/"));
            List<String> libraries = names.stream().filter(name -> name.startsWith("lib/") && !name.equals("lib/")).toList();
            assertThat(libraries).as("lib/ holds only jars").allMatch(name -> name.endsWith(".jar"));
            assertThat(libraries).as("lib/ holds no host jars").noneMatch(name -> HOST_JAR_PREFIXES.stream().anyMatch(prefix -> name.startsWith("lib/" + prefix)));
        }
    }

    @Test
    void pluginLoadsInPf4jAndItsStoreWorksThroughThePluginClassLoader()
            throws Exception
    {
        PluginManager manager = pluginManagerWithTheZip(System.getProperty("slipway.api.version"));
        try {
            PluginWrapper plugin = manager.getPlugin("filesystem-artifacts");
            assertThat(plugin).as("PF4J found the plugin in the zip").isNotNull();
            assertThat(plugin.getPluginState()).isEqualTo(PluginState.RESOLVED);
            assertThat(plugin.getDescriptor().getVersion()).isEqualTo(System.getProperty("plugin.version"));

            Class<?> pluginClass = plugin.getPluginClassLoader().loadClass(plugin.getDescriptor().getPluginClass());
            assertThat(pluginClass.getClassLoader()).as("the plugin class comes from the zip, not the test class path").isSameAs(plugin.getPluginClassLoader());
            assertThat(SlipwayPlugin.class.isAssignableFrom(pluginClass)).as("Plugin-Class implements the host's SlipwayPlugin").isTrue();
            SlipwayPlugin instance = (SlipwayPlugin) pluginClass.getConstructor().newInstance();
            ArtifactStoreFactory factory = instance.artifactStores().get(0);
            assertThat(factory.getClass().getClassLoader()).isSameAs(plugin.getPluginClassLoader());

            try (TestingExtensionContext context = TestingExtensionContext.inDirectory(temp.resolve("data"));
                    ArtifactStore store = factory.create(factory.configSchema().bind(Map.of()), context)) {
                store.put(ArtifactKey.of("from/the/zip"), new ByteArrayInputStream("loaded by PF4J".getBytes(StandardCharsets.UTF_8)), ArtifactMetadata.empty());
                try (InputStream in = store.open(ArtifactKey.of("from/the/zip"))) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("loaded by PF4J");
                }
            }
            assertThat(manager.unloadPlugin("filesystem-artifacts")).isTrue();
        }
        finally {
            manager.unloadPlugins();
        }
    }

    @Test
    void pf4jRefusesThePluginOnAServerOutsidePluginRequires()
            throws IOException
    {
        PluginManager manager = pluginManagerWithTheZip("1.0.0");
        try {
            assertThat(manager.getPlugin("filesystem-artifacts").getPluginState()).isEqualTo(PluginState.DISABLED);
        }
        finally {
            manager.unloadPlugins();
        }
    }

    private PluginManager pluginManagerWithTheZip(String systemVersion)
            throws IOException
    {
        Path plugins = Files.createDirectories(temp.resolve("plugins-" + systemVersion));
        Files.copy(zip, plugins.resolve(zip.getFileName()));
        DefaultPluginManager manager = new DefaultPluginManager(plugins);
        manager.setSystemVersion(systemVersion);
        manager.loadPlugins();
        return manager;
    }
}
