package dev.slipway.server.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import dev.slipway.server.config.DatabaseConfig;
import dev.slipway.server.config.SlipwayVersion;
import dev.slipway.server.db.Database;

/**
 * The databases repository tests run on: H2 always, and PostgreSQL when {@code -Dslipway.test.postgres} is set (see
 * {@link TestPostgres}). Each {@link #open} gives a fresh, migrated database; close it after the test.
 */
public final class TestDatabases
        implements AutoCloseable
{
    public static final String H2 = "H2";
    public static final String POSTGRESQL = "PostgreSQL";

    private final Optional<TestPostgres> postgres;
    private final List<Database> open = new ArrayList<>();

    private TestDatabases(Optional<TestPostgres> postgres)
    {
        this.postgres = postgres;
    }

    public static TestDatabases fromSystemProperty()
    {
        return new TestDatabases(TestPostgres.fromSystemProperty());
    }

    /** @return the names of the databases to run on: H2, and PostgreSQL if it is configured */
    public List<String> available()
    {
        return postgres.isPresent() ? List.of(H2, POSTGRESQL) : List.of(H2);
    }

    /**
     * @param directory where an H2 database keeps its files
     * @return a migrated database, running
     */
    public Database open(String name, Path directory)
    {
        String url = switch (name) {
            case H2 -> "jdbc:h2:file:" + directory.toAbsolutePath().resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";
            case POSTGRESQL -> postgres.orElseThrow(() -> new IllegalStateException("PostgreSQL is not configured")).createDatabase();
            default -> throw new IllegalArgumentException(name);
        };
        Database database = new Database(new DatabaseConfig(url, name.equals(H2) ? Optional.of("sa") : Optional.empty(), Optional.empty(), 8),
                SlipwayVersion.current());
        database.startAsync().awaitRunning();
        open.add(database);
        return database;
    }

    public static Jdbi jdbi(Database database)
    {
        return Jdbi.create(database.dataSource()).installPlugin(new SqlObjectPlugin());
    }

    @Override
    public void close()
    {
        open.forEach(database -> database.stopAsync().awaitTerminated());
        open.clear();
        postgres.ifPresent(TestPostgres::close);
    }
}
