package dev.slipway.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundled plugins' zips (local-executor, filesystem-artifacts, directory-source) as the build made them: the server module depends
 * on them ({@code <type>zip</type>}, test scope) and Maven copies them into the directory named by
 * {@code -Dslipway.bundled-plugins} before the integration tests run.
 *
 * <pre>{@code
 * SlipwayServerExtension.builder().plugins(BundledPlugins::copyTo).build();
 * }</pre>
 */
public final class BundledPlugins
{
    public static final String PROPERTY = "slipway.bundled-plugins";

    private BundledPlugins() {}

    /** Copies every bundled plugin zip into {@code pluginsDirectory}. */
    public static void copyTo(Path pluginsDirectory)
    {
        for (Path zip : zips()) {
            try {
                Files.copy(zip, pluginsDirectory.resolve(zip.getFileName()));
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot copy " + zip + " into " + pluginsDirectory, e);
            }
        }
    }

    /**
     * Lays out a Slipway home for a server started as a child process: the bundled plugins in {@code plugins/} and
     * {@code conf/slipway.yml} holding {@code configuration}.
     *
     * @return {@code home}
     */
    public static Path home(Path home, String configuration)
    {
        try {
            copyTo(Files.createDirectories(home.resolve("plugins")));
            Files.writeString(Files.createDirectories(home.resolve("conf")).resolve("slipway.yml"), configuration);
            return home;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot lay out a Slipway home in " + home, e);
        }
    }

    /** @return the zips, in file name order */
    public static List<Path> zips()
    {
        String setting = System.getProperty(PROPERTY);
        if (setting == null || setting.isBlank()) {
            throw new IllegalStateException("-D" + PROPERTY + " is not set: run this test through Maven (mvn -B -pl server -am verify), which copies "
                    + "the bundled plugins' zips into server/target/bundled-plugins");
        }
        Path directory = Path.of(setting);
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> zips = files.filter(file -> file.getFileName().toString().endsWith(".zip")).sorted().toList();
            if (zips.isEmpty()) {
                throw new IllegalStateException("No plugin zips in " + directory + " (-D" + PROPERTY + ")");
            }
            return zips;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list the bundled plugins in " + directory + " (-D" + PROPERTY + ")", e);
        }
    }
}
