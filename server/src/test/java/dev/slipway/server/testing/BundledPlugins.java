package dev.slipway.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import dev.slipway.server.config.SlipwayVersion;

/**
 * The bundled plugins' zips ({@code local-executor}, {@code filesystem-artifacts}, {@code directory-source}) as the
 * reactor packaged them in {@code plugins/<id>/target/} (the server's test dependencies on the plugins make the
 * reactor build them first), for test servers that run real builds:
 * {@code SlipwayServerExtension.builder().plugins(BundledPlugins::copyTo)}.
 */
public final class BundledPlugins
{
    public static final String PROPERTY = "slipway.bundled.plugins";
    private static final List<String> PLUGINS = List.of("local-executor", "filesystem-artifacts", "directory-source");

    private BundledPlugins() {}

    /** Copies every bundled plugin zip into a plugins directory. */
    public static void copyTo(Path pluginsDirectory)
    {
        Path plugins = Path.of(System.getProperty(PROPERTY, "../plugins"));
        String version = SlipwayVersion.current().server();
        try {
            Files.createDirectories(pluginsDirectory);
            for (String plugin : PLUGINS) {
                Path file = plugins.resolve(plugin).resolve("target").resolve(plugin + "-" + version + ".zip");
                if (!Files.isRegularFile(file)) {
                    throw new IllegalStateException("The bundled plugin " + file + " is missing; build the server with the reactor "
                            + "(mvn -pl server -am verify), which packages the plugins first");
                }
                Files.copy(file, pluginsDirectory.resolve(plugin + ".zip"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the bundled plugins to " + pluginsDirectory, e);
        }
    }
}
