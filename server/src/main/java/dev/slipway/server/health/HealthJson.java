package dev.slipway.server.health;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

import dev.slipway.server.plugin.PluginManager.PluginCounts;

/**
 * The answer of {@code GET /api/v1/health} (contracts.md).
 *
 * @param status UP when the database answers, DOWN otherwise; failed plugins do not make the server DOWN
 * @param version the server version
 * @param startedAt when the server started
 * @param uptimeSeconds whole seconds since then
 * @param database the database's state and product
 * @param plugins how many plugins there are, started and failed, and the state of each
 */
public record HealthJson(String status, String version, Instant startedAt, long uptimeSeconds, DatabaseJson database, PluginCounts plugins)
{
    public HealthJson
    {
        requireNonNull(status, "status is null");
        requireNonNull(version, "version is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(database, "database is null");
        requireNonNull(plugins, "plugins is null");
    }

    /**
     * The database part of the health.
     *
     * @param status UP or DOWN
     * @param product e.g. {@code H2} or {@code PostgreSQL}
     * @param version e.g. {@code 2.5.252}
     */
    public record DatabaseJson(String status, String product, String version)
    {
        public DatabaseJson
        {
            requireNonNull(status, "status is null");
            requireNonNull(product, "product is null");
            requireNonNull(version, "version is null");
        }
    }
}
