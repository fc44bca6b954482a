package dev.slipway.testkit.packaging;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a Slipway plugin zip in the layout {@code plugin-parent} builds and the server loads: {@code classes/} with
 * the plugin's classes and the PF4J manifest at {@code classes/META-INF/MANIFEST.MF}, and {@code lib/} with the jars
 * the plugin bundles. Classes are copied as bytes from the test class path, so a test can package classes it compiled
 * itself, including deliberately broken plugins (leave out a class, name a wrong {@code Plugin-Class}, require another
 * API version).
 *
 * <pre>{@code
 * Path zip = PluginArchive.builder("hello")
 *         .version("1.0.0")
 *         .requires(">=0.1.0 & <1.0.0")
 *         .pluginClass(HelloPlugin.class)          // sets Plugin-Class and adds the class
 *         .addClass(HelloNotifierFactory.class)
 *         .addLibJar("greetings.jar", Greeting.class)
 *         .writeTo(pluginsDirectory);              // pluginsDirectory/hello-1.0.0.zip
 * }</pre>
 *
 * <p>Adding a class also adds its nested, inner and anonymous classes ({@code Outer$…}). The classes must not be
 * visible to the server's plugin class loaders in another way: keep test plugins in their own package, outside
 * {@code dev.slipway.api}. Zips are reproducible: entries are sorted and carry a fixed time.
 *
 * <p>A builder is not thread-safe; a written zip is independent of it.
 *
 * @since 0.1
 */
public final class PluginArchive
{
    private static final FileTime FIXED_TIME = FileTime.fromMillis(1_577_836_800_000L);

    private PluginArchive() {}

    /**
     * Starts a plugin with the given {@code Plugin-Id}.
     *
     * @since 0.1
     */
    public static Builder builder(String pluginId)
    {
        return new Builder(pluginId);
    }

    /**
     * Collects the manifest entries, classes, resources and jars of one plugin zip.
     *
     * @since 0.1
     */
    public static final class Builder
    {
        private final Map<String, String> manifest = new LinkedHashMap<>();
        private final Map<String, byte[]> classes = new TreeMap<>();
        private final Map<String, byte[]> libs = new TreeMap<>();

        private Builder(String pluginId)
        {
            manifest.put("Plugin-Id", requireNonNull(pluginId, "pluginId is null"));
            manifest.put("Plugin-Version", "1.0.0");
        }

        /** Sets {@code Plugin-Version} (default {@code 1.0.0}). @since 0.1 */
        public Builder version(String version)
        {
            return manifestEntry("Plugin-Version", version);
        }

        /** Sets {@code Plugin-Requires}, e.g. {@code >=0.1.0 & <1.0.0}. @since 0.1 */
        public Builder requires(String requires)
        {
            return manifestEntry("Plugin-Requires", requires);
        }

        /** Sets {@code Plugin-Provider}. @since 0.1 */
        public Builder provider(String provider)
        {
            return manifestEntry("Plugin-Provider", provider);
        }

        /** Sets {@code Plugin-Description}. @since 0.1 */
        public Builder description(String description)
        {
            return manifestEntry("Plugin-Description", description);
        }

        /** Sets {@code Plugin-Dependencies}, e.g. {@code other-plugin@>=1.0.0}. @since 0.1 */
        public Builder dependencies(String dependencies)
        {
            return manifestEntry("Plugin-Dependencies", dependencies);
        }

        /** Sets {@code Plugin-Class} to the class's name and adds the class. @since 0.1 */
        public Builder pluginClass(Class<?> pluginClass)
        {
            pluginClassName(pluginClass.getName());
            return addClass(pluginClass);
        }

        /** Sets {@code Plugin-Class} without adding a class (for a plugin whose class is missing). @since 0.1 */
        public Builder pluginClassName(String className)
        {
            return manifestEntry("Plugin-Class", className);
        }

        /**
         * Sets any manifest entry; {@code null} removes it (for a manifest without {@code Plugin-Id}, say).
         *
         * @since 0.1
         */
        public Builder manifestEntry(String name, String value)
        {
            requireNonNull(name, "name is null");
            if (value == null) {
                manifest.remove(name);
            }
            else {
                manifest.put(name, value);
            }
            return this;
        }

        /**
         * Adds a class below {@code classes/}, with its nested, inner and anonymous classes.
         *
         * @throws IllegalArgumentException if the class has no class file on the class path (a generated class) or is
         *         part of the JDK
         * @since 0.1
         */
        public Builder addClass(Class<?> type)
        {
            classes.putAll(classFiles(type));
            return this;
        }

        /** Adds a resource below {@code classes/}, e.g. {@code messages.properties}. @since 0.1 */
        public Builder addResource(String path, byte[] content)
        {
            classes.put(requireNonNull(path, "path is null").replaceFirst("^/", ""), content.clone());
            return this;
        }

        /** Adds an existing jar as {@code lib/<fileName>}. @since 0.1 */
        public Builder addLibJar(String fileName, Path jar)
        {
            try {
                libs.put(libName(fileName), Files.readAllBytes(jar));
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + jar, e);
            }
            return this;
        }

        /** Builds a jar from classes (with their nested classes) and adds it as {@code lib/<fileName>}. @since 0.1 */
        public Builder addLibJar(String fileName, Class<?>... types)
        {
            Map<String, byte[]> entries = new TreeMap<>();
            for (Class<?> type : types) {
                entries.putAll(classFiles(type));
            }
            ByteArrayOutputStream jar = new ByteArrayOutputStream();
            try (ZipOutputStream output = new ZipOutputStream(jar)) {
                writeEntry(output, JarFile.MANIFEST_NAME, manifestBytes(Map.of()));
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    writeEntry(output, entry.getKey(), entry.getValue());
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            libs.put(libName(fileName), jar.toByteArray());
            return this;
        }

        /**
         * Writes {@code <directory>/<plugin-id>-<version>.zip}, creating the directory.
         *
         * @return the zip
         * @since 0.1
         */
        public Path writeTo(Path directory)
        {
            return writeTo(directory, manifest.getOrDefault("Plugin-Id", "plugin") + "-" + manifest.getOrDefault("Plugin-Version", "0") + ".zip");
        }

        /**
         * Writes {@code <directory>/<fileName>}, creating the directory and replacing an existing file.
         *
         * @return the zip
         * @since 0.1
         */
        public Path writeTo(Path directory, String fileName)
        {
            try {
                Files.createDirectories(directory);
                Path zip = directory.resolve(fileName);
                try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream output = new ZipOutputStream(file)) {
                    writeDirectory(output, "classes/");
                    writeDirectory(output, "classes/META-INF/");
                    writeEntry(output, "classes/" + JarFile.MANIFEST_NAME, manifestBytes(manifest));
                    for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                        writeEntry(output, "classes/" + entry.getKey(), entry.getValue());
                    }
                    writeDirectory(output, "lib/");
                    for (Map.Entry<String, byte[]> entry : libs.entrySet()) {
                        writeEntry(output, "lib/" + entry.getKey(), entry.getValue());
                    }
                }
                return zip;
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot write plugin zip " + fileName + " to " + directory, e);
            }
        }

        private static String libName(String fileName)
        {
            requireNonNull(fileName, "fileName is null");
            if (fileName.contains("/") || !fileName.endsWith(".jar")) {
                throw new IllegalArgumentException("A lib jar is named like 'library-1.0.jar', not '" + fileName + "'");
            }
            return fileName;
        }
    }

    /** The class files of a type and of every class nested in it, keyed by their path in a jar. */
    static Map<String, byte[]> classFiles(Class<?> type)
    {
        String path = type.getName().replace('.', '/') + ".class";
        ClassLoader loader = Objects.requireNonNullElse(type.getClassLoader(), ClassLoader.getSystemClassLoader());
        URL location = loader.getResource(path);
        if (location == null) {
            throw new IllegalArgumentException("No class file for " + type.getName() + " on the class path");
        }
        if (location.getProtocol().equals("jrt")) {
            throw new IllegalArgumentException(type.getName() + " is part of the JDK, which plugins get from the server");
        }
        Map<String, byte[]> files = new TreeMap<>();
        try {
            files.put(path, read(location));
            String nestedPrefix = type.getName().substring(type.getName().lastIndexOf('.') + 1) + "$";
            String packagePath = path.substring(0, path.lastIndexOf('/') + 1);
            for (String nested : siblings(location, packagePath, nestedPrefix)) {
                URL nestedLocation = loader.getResource(packagePath + nested);
                if (nestedLocation != null) {
                    files.put(packagePath + nested, read(nestedLocation));
                }
            }
        }
        catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot read the class files of " + type.getName() + " from " + location, e);
        }
        return files;
    }

    /** Names of the class files next to {@code location} that start with {@code prefix}. */
    private static List<String> siblings(URL location, String packagePath, String prefix)
            throws IOException, URISyntaxException
    {
        List<String> names = new ArrayList<>();
        if (location.getProtocol().equals("file")) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(location.toURI()).getParent(), prefix + "*.class")) {
                files.forEach(file -> names.add(file.getFileName().toString()));
            }
        }
        else if (location.getProtocol().equals("jar")) {
            String spec = location.getPath();
            Path jarPath = Path.of(new URL(spec.substring(0, spec.indexOf("!/"))).toURI());
            try (JarFile jar = new JarFile(jarPath.toFile())) {
                Enumeration<java.util.jar.JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(packagePath + prefix) && name.endsWith(".class") && name.indexOf('/', packagePath.length()) < 0) {
                        names.add(name.substring(packagePath.length()));
                    }
                }
            }
        }
        names.sort(null);
        return names;
    }

    private static byte[] read(URL location)
            throws IOException
    {
        try (InputStream input = location.openStream()) {
            return input.readAllBytes();
        }
    }

    private static byte[] manifestBytes(Map<String, String> entries)
            throws IOException
    {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        entries.forEach((name, value) -> attributes.put(new Attributes.Name(name), value));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        manifest.write(bytes);
        return bytes.toByteArray();
    }

    private static void writeDirectory(ZipOutputStream output, String name)
            throws IOException
    {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(FIXED_TIME);
        output.putNextEntry(entry);
        output.closeEntry();
    }

    private static void writeEntry(ZipOutputStream output, String name, byte[] content)
            throws IOException
    {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(FIXED_TIME);
        output.putNextEntry(entry);
        output.write(content);
        output.closeEntry();
    }
}
