package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import dev.slipway.api.config.Secret;

/**
 * The {@code database} section of {@code slipway.yml}.
 *
 * @param url a JDBC URL: by default an H2 file database under the data directory; {@code jdbc:postgresql://…} for
 *        PostgreSQL
 * @param user the database user; when absent the driver's default (or the user in the URL) applies
 * @param password the database password; when absent the driver's default applies
 * @param poolSize the maximum number of pooled connections
 */
public record DatabaseConfig(String url, Optional<String> user, Optional<Secret> password, int poolSize)
{
    public DatabaseConfig
    {
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        if (!url.startsWith("jdbc:")) {
            throw new ConfigValueException("url", "must be a JDBC URL such as jdbc:h2:file:/var/lib/slipway/db/slipway "
                    + "or jdbc:postgresql://db.example.com/slipway, was '" + url + "'");
        }
        if (poolSize < 1 || poolSize > 1000) {
            throw new ConfigValueException("pool-size", "must be between 1 and 1000, was " + poolSize);
        }
    }

    /** @return true when the URL names an H2 database (the embedded default) */
    public boolean isH2()
    {
        return url.startsWith("jdbc:h2:");
    }
}
