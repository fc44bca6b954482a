package dev.slipway.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.slipway.server.bootstrap.SlipwayServer;
import dev.slipway.server.config.ConfigLoader;
import dev.slipway.server.config.SlipwayConfig;
import dev.slipway.server.testing.BundledPlugins;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestPostgres;

/**
 * The build service on PostgreSQL: a project and builds through the API, then a restart on the same database. Runs when
 * {@code -Dslipway.test.postgres} is set, is skipped (with a warning in the log) otherwise.
 */
class BuildOnPostgresIT
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
    void buildsRunAndSurviveARestartOnPostgresql()
            throws IOException
    {
        assumeTrue(postgres != null, "PostgreSQL tests need -D" + TestPostgres.PROPERTY);
        BundledPlugins.copyTo(Files.createDirectories(home.resolve("plugins")));
        SlipwayConfig config = new ConfigLoader(home, Map.of("SLIPWAY_SERVER_PORT", "0", "SLIPWAY_DATABASE_URL", postgres.createDatabase()))
                .load(Optional.empty());

        String first;
        try (SlipwayServer server = SlipwayServer.start(config)) {
            BuildApi api = new BuildApi(new TestHttpClient(server.uri()));
            api.createInlineProject("on-postgres", "echo from postgres");
            first = api.start("on-postgres", "{\"idempotencyToken\": \"once\"}").path("id").asText();
            JsonNode ended = api.awaitEnded(first);
            assertThat(ended.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(Logs.lines(server, first)).contains("from postgres");
        }

        try (SlipwayServer server = SlipwayServer.start(config)) {
            TestHttpClient client = new TestHttpClient(server.uri());
            BuildApi api = new BuildApi(client);
            assertThat(api.get(first).path("phases").findValuesAsText("type")).endsWith("FINALIZING", "COMPLETED");
            assertThat(client.postJson("/api/v1/projects/on-postgres/builds", "{\"idempotencyToken\": \"once\"}").json().path("id").asText())
                    .isEqualTo(first);
            JsonNode second = api.start("on-postgres");
            assertThat(second.path("number").asLong()).isEqualTo(2);
            assertThat(api.awaitEnded(second.path("id").asText()).path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(client.get("/api/v1/builds?project=on-postgres&status=SUCCEEDED").json().path("builds").size()).isEqualTo(2);
        }
    }
}
