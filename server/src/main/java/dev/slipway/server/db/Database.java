package dev.slipway.server.db;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.server.config.DatabaseConfig;
import dev.slipway.server.config.SlipwayVersion;

/**
 * The server's database: a HikariCP pool over H2 (file mode, the default) or PostgreSQL, migrated by Flyway from
 * {@code classpath:db/migration} when the service starts, closed when it stops.
 *
 * <p>Migrations V1–V9 belong to the server foundation; features use V10 and up. They must run on both H2 and
 * PostgreSQL (write portable SQL; the test suite runs them on both).
 *
 * <p>{@link #dataSource()} may be called from any thread while the service is running.
 */
@Singleton
public final class Database
        extends AbstractIdleService
{
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final DatabaseConfig config;
    private final SlipwayVersion version;
    private volatile HikariDataSource dataSource;
    private volatile DatabaseProduct product;

    @Inject
    public Database(DatabaseConfig config, SlipwayVersion version)
    {
        this.config = requireNonNull(config, "config is null");
        this.version = requireNonNull(version, "version is null");
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @throws SlipwayException EXTERNAL_FAILURE if the database cannot be reached; INTERNAL if a migration fails
     */
    @Override
    protected void startUp()
    {
        long start = System.nanoTime();
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("slipway-db");
        hikari.setJdbcUrl(config.url());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(password -> hikari.setPassword(password.reveal()));
        hikari.setMaximumPoolSize(config.poolSize());
        // One idle connection is enough at rest; the pool grows under load. Fewer connections also start faster.
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        }
        catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SlipwayException(ErrorCode.EXTERNAL_FAILURE, "Cannot open the database " + redact(config.url()) + ": " + cause.getMessage(), e);
        }
        try {
            product = readProduct(pool);
            if (config.isH2()) {
                writeEachCommit(pool);
            }
            MigrateResult result = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("slipwayVersion", version.server()))
                    .load()
                    .migrate();
            log.info("Database {} {} at {}: schema version {} ({} migrations applied) in {} ms", product.name(), product.version(), redact(config.url()),
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion, result.migrationsExecuted,
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
        catch (RuntimeException e) {
            pool.close();
            if (e instanceof SlipwayException) {
                throw e;
            }
            throw new SlipwayException(ErrorCode.INTERNAL, "Cannot migrate the database " + redact(config.url()) + ": " + firstLine(e.getMessage())
                    + rootCause(e).map(cause -> " (" + firstLine(cause.getMessage()) + ")").orElse(""), e);
        }
        dataSource = pool;
    }

    @Override
    protected void shutDown()
    {
        HikariDataSource pool = dataSource;
        dataSource = null;
        if (pool != null) {
            pool.close();
            log.info("Database closed");
        }
    }

    /**
     * @throws IllegalStateException if the service is not running
     */
    public DataSource dataSource()
    {
        HikariDataSource pool = dataSource;
        if (pool == null) {
            throw new IllegalStateException("The database is not open (service state " + state() + ")");
        }
        return pool;
    }

    /** @return the name and version the JDBC driver reports, e.g. H2 2.5.252; known once the service has started */
    public DatabaseProduct product()
    {
        DatabaseProduct known = product;
        if (known == null) {
            throw new IllegalStateException("The database has not been opened yet");
        }
        return known;
    }

    /**
     * Checks that the database answers, within {@code timeout}.
     *
     * @return true if a pooled connection could be obtained and is valid
     */
    public boolean isAvailable(Duration timeout)
    {
        HikariDataSource pool = dataSource;
        if (pool == null) {
            return false;
        }
        try (Connection connection = pool.getConnection()) {
            return connection.isValid((int) Math.max(1, timeout.toSeconds()));
        }
        catch (SQLException e) {
            log.warn("The database does not answer: {}", e.getMessage());
            return false;
        }
    }

    /**
     * H2 keeps commits in memory for up to half a second by default (WRITE_DELAY 500): a {@code kill -9} in that window
     * loses acknowledged work, even tables created just before. Everything the server acknowledges (a queued build) must
     * survive that, so each commit is handed to the operating system at once; the setting is persistent, but is set on
     * every start so that older databases get it too.
     */
    private static void writeEachCommit(DataSource dataSource)
    {
        try (Connection connection = dataSource.getConnection(); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
        }
        catch (SQLException e) {
            throw new SlipwayException(ErrorCode.EXTERNAL_FAILURE, "Cannot make the H2 database write each commit: " + e.getMessage(), e);
        }
    }

    private static DatabaseProduct readProduct(DataSource dataSource)
    {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            String version = metaData.getDatabaseProductVersion();
            // H2 reports "2.5.252 (2026-10-01)"; the contract shows only the version number.
            int space = version.indexOf(' ');
            return new DatabaseProduct(metaData.getDatabaseProductName(), space < 0 ? version : version.substring(0, space));
        }
        catch (SQLException e) {
            throw new SlipwayException(ErrorCode.EXTERNAL_FAILURE, "Cannot read the database's product and version: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String text)
    {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    private static Optional<Throwable> rootCause(Throwable error)
    {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? Optional.empty() : Optional.of(root);
    }

    /** Drops the query part of a URL, where PostgreSQL URLs may carry a password. */
    static String redact(String url)
    {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    @Override
    protected String serviceName()
    {
        return "database";
    }

    /**
     * What database the server runs on.
     *
     * @param name the product name, e.g. {@code H2} or {@code PostgreSQL}
     * @param version the product version, e.g. {@code 2.5.252}
     */
    public record DatabaseProduct(String name, String version)
    {
        public DatabaseProduct
        {
            requireNonNull(name, "name is null");
            requireNonNull(version, "version is null");
        }
    }
}
