package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The whole of {@code conf/slipway.yml} after defaults and {@code SLIPWAY_*} environment overrides: immutable, every
 * path absolute. Read with {@link ConfigLoader}. Features that need configuration add a section here (a record
 * component whose type is a record) and bind it in {@link ConfigModule}; the loader derives keys, environment
 * variable names and error messages from the records.
 *
 * @param server the HTTP server
 * @param dataDirectory where everything the server keeps lives ({@code <home>/data} by default; {@code SLIPWAY_DATA}
 *        overrides)
 * @param database the database
 * @param plugins the plugin runtime
 * @param logs build logs
 */
public record SlipwayConfig(ServerConfig server, Path dataDirectory, DatabaseConfig database, PluginsConfig plugins, LogsConfig logs)
{
    public SlipwayConfig
    {
        requireNonNull(server, "server is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(database, "database is null");
        requireNonNull(plugins, "plugins is null");
        requireNonNull(logs, "logs is null");
    }

    /**
     * This configuration with another data directory; every other section unchanged. For {@code slipway run}, which
     * loads plugins the way the server does but keeps its files in a temporary directory.
     */
    public SlipwayConfig withDataDirectory(Path directory)
    {
        return new SlipwayConfig(server, directory, database, plugins, logs);
    }
}
