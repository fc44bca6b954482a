package dev.slipway.testkit.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginArchiveTest
{
    @TempDir
    Path directory;

    @Test
    void writesTheManifestBelowClassesWithThePluginEntries()
            throws IOException
    {
        Path zip = PluginArchive.builder("hello")
                .version("2.0.0")
                .requires(">=0.1.0 & <1.0.0")
                .provider("Example")
                .description("Says hello")
                .pluginClass(Sample.class)
                .writeTo(directory);

        assertThat(zip).isEqualTo(directory.resolve("hello-2.0.0.zip"));
        Attributes manifest = manifest(zip);
        assertThat(manifest.getValue("Plugin-Id")).isEqualTo("hello");
        assertThat(manifest.getValue("Plugin-Version")).isEqualTo("2.0.0");
        assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=0.1.0 & <1.0.0");
        assertThat(manifest.getValue("Plugin-Provider")).isEqualTo("Example");
        assertThat(manifest.getValue("Plugin-Description")).isEqualTo("Says hello");
        assertThat(manifest.getValue("Plugin-Class")).isEqualTo(Sample.class.getName());
    }

    @Test
    void addsAClassWithItsNestedAndAnonymousClassesAsTheirOriginalBytes()
            throws IOException
    {
        Path zip = PluginArchive.builder("hello").addClass(Sample.class).writeTo(directory);

        String base = "classes/" + Sample.class.getName().replace('.', '/');
        assertThat(entries(zip)).contains(base + ".class", base + "$Nested.class", base + "$1.class");
        try (ZipFile file = new ZipFile(zip.toFile()); InputStream original = Sample.class.getResourceAsStream("PluginArchiveTest$Sample.class")) {
            assertThat(file.getInputStream(file.getEntry(base + ".class")).readAllBytes()).isEqualTo(original.readAllBytes());
        }
    }

    @Test
    void leavesOutWhatWasNotAdded()
            throws IOException
    {
        Path zip = PluginArchive.builder("broken").pluginClassName("com.example.Missing").writeTo(directory);

        assertThat(entries(zip)).containsExactly("classes/", "classes/META-INF/", "classes/META-INF/MANIFEST.MF", "lib/");
        assertThat(manifest(zip).getValue("Plugin-Class")).isEqualTo("com.example.Missing");
    }

    @Test
    void buildsLibJarsFromClasses()
            throws IOException
    {
        Path zip = PluginArchive.builder("hello").addLibJar("helpers-1.0.jar", Sample.class).writeTo(directory);

        List<String> jarEntries = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile());
                JarInputStream jar = new JarInputStream(new ByteArrayInputStream(file.getInputStream(file.getEntry("lib/helpers-1.0.jar")).readAllBytes()))) {
            for (var entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                jarEntries.add(entry.getName());
            }
        }
        assertThat(jarEntries).contains(Sample.class.getName().replace('.', '/') + ".class");
        assertThat(entries(zip)).doesNotContain("classes/" + Sample.class.getName().replace('.', '/') + ".class");
    }

    @Test
    void copiesExistingJarsIntoLib()
            throws IOException
    {
        Path jar = Files.write(directory.resolve("some.jar"), new byte[] {1, 2, 3});

        Path zip = PluginArchive.builder("hello").addLibJar("some-1.0.jar", jar).writeTo(directory.resolve("plugins"), "custom.zip");

        assertThat(zip).isEqualTo(directory.resolve("plugins/custom.zip"));
        try (ZipFile file = new ZipFile(zip.toFile())) {
            assertThat(file.getInputStream(file.getEntry("lib/some-1.0.jar")).readAllBytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void manifestEntriesCanBeRemoved()
            throws IOException
    {
        Path zip = PluginArchive.builder("nameless").manifestEntry("Plugin-Id", null).writeTo(directory, "nameless.zip");

        assertThat(manifest(zip).getValue("Plugin-Id")).isNull();
    }

    @Test
    void writesTheSameBytesTwice()
            throws IOException
    {
        PluginArchive.Builder builder = PluginArchive.builder("hello").pluginClass(Sample.class).addResource("greeting.txt", "hi".getBytes());

        byte[] first = Files.readAllBytes(builder.writeTo(directory, "a.zip"));
        byte[] second = Files.readAllBytes(builder.writeTo(directory, "b.zip"));

        assertThat(first).isEqualTo(second);
    }

    @Test
    void rejectsClassesWithoutClassFilesAndBadJarNames()
    {
        Runnable lambda = () -> {};
        assertThatThrownBy(() -> PluginArchive.builder("x").addClass(lambda.getClass()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No class file");
        assertThatThrownBy(() -> PluginArchive.builder("x").addClass(Runnable.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("java.lang.Runnable is part of the JDK, which plugins get from the server");
        assertThatThrownBy(() -> PluginArchive.builder("x").addLibJar("lib/x.zip", Sample.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lib/x.zip");
    }

    private static Attributes manifest(Path zip)
            throws IOException
    {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry("classes/META-INF/MANIFEST.MF");
            assertThat(entry).as("classes/META-INF/MANIFEST.MF").isNotNull();
            return new Manifest(file.getInputStream(entry)).getMainAttributes();
        }
    }

    private static List<String> entries(Path zip)
            throws IOException
    {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    @SuppressWarnings("unused")
    static final class Sample
    {
        private final Runnable anonymous = new Runnable()
        {
            @Override
            public void run() {}
        };

        static final class Nested
        {
        }
    }
}
