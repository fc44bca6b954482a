package dev.slipway.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.server.bootstrap.SlipwayServer;
import dev.slipway.server.config.ConfigLoader;
import dev.slipway.server.config.DatabaseConfig;
import dev.slipway.server.config.SlipwayConfig;
import dev.slipway.server.config.SlipwayVersion;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestPostgres;

/**
 * The migrations and the server on a real PostgreSQL. Runs when {@code -Dslipway.test.postgres} is set ({@code start},
 * or a JDBC URL; see {@link TestPostgres}) and is skipped, with a warning in the log, when it is not.
 */
class PostgresIT
{
    private static TestPostgres postgres;

    @TempDir
    Path home;

    @BeforeAll
    static void postgres()
    {
        postgres = TestPostgres.fromSystemProperty().orElse(null);
    }

    @AfterAll
    static void close()
    {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void migratesAnEmptyDatabaseAndQueriesIt()
    {
        assumeTrue(postgres != null, "PostgreSQL tests need -D" + TestPostgres.PROPERTY);
        Database database = new Database(new DatabaseConfig(postgres.createDatabase(), Optional.empty(), Optional.empty(), 2), SlipwayVersion.current());

        database.startAsync().awaitRunning();
        try {
            assertThat(database.product().name()).isEqualTo("PostgreSQL");
            String createdBy = Jdbi.create(database.dataSource()).withHandle(handle ->
                    handle.createQuery("SELECT metadata_value FROM server_metadata WHERE metadata_key = :key").bind("key", "schema-created-by")
                            .mapTo(String.class).one());
            assertThat(createdBy).isEqualTo(SlipwayVersion.current().server());
        }
        finally {
            database.stopAsync().awaitTerminated();
        }
    }

    @Test
    void theServerRunsOnPostgresqlAndRestartsOnItsSchema()
    {
        assumeTrue(postgres != null, "PostgreSQL tests need -D" + TestPostgres.PROPERTY);
        SlipwayConfig config = new ConfigLoader(home, Map.of("SLIPWAY_SERVER_PORT", "0", "SLIPWAY_DATABASE_URL", postgres.createDatabase()))
                .load(Optional.empty());

        for (int start = 1; start <= 2; start++) {
            try (SlipwayServer server = SlipwayServer.start(config)) {
                assertThat(new TestHttpClient(server.uri()).get("/api/v1/health").json().path("database").path("product").asText())
                        .isEqualTo("PostgreSQL");
            }
        }
    }
}
