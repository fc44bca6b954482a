package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this server build, and the plugin API version it provides to plugins.
 *
 * @param server the full version, e.g. {@code 0.1.0-SNAPSHOT}
 */
public record SlipwayVersion(String server)
{
    private static final String RESOURCE = "version.properties";

    public SlipwayVersion
    {
        requireNonNull(server, "server is null");
    }

    /** Reads the version Maven wrote into this build. */
    public static SlipwayVersion current()
    {
        try (InputStream input = SlipwayVersion.class.getResourceAsStream(RESOURCE)) {
            if (input == null) {
                throw new IllegalStateException("The build is incomplete: " + RESOURCE + " is missing next to " + SlipwayVersion.class.getName());
            }
            Properties properties = new Properties();
            properties.load(input);
            String version = properties.getProperty("version", "");
            if (version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException("The build is incomplete: " + RESOURCE + " was not filtered (version=" + version + ")");
            }
            return new SlipwayVersion(version.trim());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /**
     * The plugin API version this server provides, which PF4J compares with each plugin's {@code Plugin-Requires}:
     * the server version without a pre-release suffix ({@code 0.1.0-SNAPSHOT} provides {@code 0.1.0}), because
     * plugin-api is released with the server and {@code >=0.1.0} must accept a snapshot of 0.1.0.
     */
    public String pluginApi()
    {
        int suffix = server.indexOf('-');
        return suffix < 0 ? server : server.substring(0, suffix);
    }

    @Override
    public String toString()
    {
        return server;
    }
}
