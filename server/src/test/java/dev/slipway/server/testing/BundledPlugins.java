package dev.slipway.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The bundled plugins' zips ({@code local-executor}, {@code filesystem-artifacts}, {@code directory-source}), built by
 * the reactor and copied to {@code target/bundled-plugins} by the server's POM, for test servers that run real builds:
 * {@code SlipwayServerExtension.builder().plugins(BundledPlugins::copyTo)}.
 */
public final class BundledPlugins
{
    public static final String PROPERTY = "slipway.bundled.plugins";
    private static final List<String> ZIPS = List.of("local-executor.zip", "filesystem-artifacts.zip", "directory-source.zip");

    private BundledPlugins() {}

    /** Copies every bundled plugin zip into a plugins directory. */
    public static void copyTo(Path pluginsDirectory)
    {
        Path source = Path.of(System.getProperty(PROPERTY, "target/bundled-plugins"));
        try {
            Files.createDirectories(pluginsDirectory);
            for (String zip : ZIPS) {
                Path file = source.resolve(zip);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalStateException("The bundled plugin " + file + " is missing; build the server with the reactor "
                            + "(mvn -pl server -am verify), which packages the plugins first");
                }
                Files.copy(file, pluginsDirectory.resolve(zip), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the bundled plugins to " + pluginsDirectory, e);
        }
    }
}
