package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

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
 * @param executors the executors projects can name, by name ({@code local} with the {@code local} factory by default)
 * @param artifactStores the artifact stores projects can name, by name ({@code default} with the {@code filesystem}
 *        factory by default)
 * @param builds how builds run
 * @param events the live event stream
 */
public record SlipwayConfig(ServerConfig server, Path dataDirectory, DatabaseConfig database, PluginsConfig plugins, LogsConfig logs,
        Map<String, ExecutorConfig> executors, Map<String, ArtifactStoreConfig> artifactStores, BuildsConfig builds, EventsConfig events)
{
    /** What executor and artifact store names look like: they appear in project definitions and in messages. */
    public static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    public SlipwayConfig
    {
        requireNonNull(server, "server is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(database, "database is null");
        requireNonNull(plugins, "plugins is null");
        requireNonNull(logs, "logs is null");
        executors = names("executors", executors);
        artifactStores = names("artifact-stores", artifactStores);
        requireNonNull(builds, "builds is null");
        requireNonNull(events, "events is null");
        if (executors.isEmpty()) {
            throw new ConfigValueException("executors", "must name at least one executor, e.g. 'local: {factory: local}'");
        }
    }

    /**
     * This configuration with another data directory; every other section unchanged. For {@code slipway run}, which
     * loads plugins the way the server does but keeps its files in a temporary directory.
     */
    public SlipwayConfig withDataDirectory(Path directory)
    {
        return new SlipwayConfig(server, directory, database, plugins, logs, executors, artifactStores, builds, events);
    }

    private static <T> Map<String, T> names(String key, Map<String, T> instances)
    {
        requireNonNull(instances, key + " is null");
        for (Map.Entry<String, T> entry : instances.entrySet()) {
            if (!INSTANCE_NAME.matcher(entry.getKey()).matches()) {
                throw new ConfigValueException(key, "has the invalid name '" + entry.getKey() + "'; names are letters, digits, '-' and '_' "
                        + "(starting with a letter or digit, at most 100 characters)");
            }
            requireNonNull(entry.getValue(), key + "." + entry.getKey() + " is null");
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(instances));
    }
}
