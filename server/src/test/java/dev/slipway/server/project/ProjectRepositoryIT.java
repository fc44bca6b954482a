package dev.slipway.server.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.slipway.server.testing.TestDatabases;

/** The projects table through {@link ProjectRepository}, on H2 and (with {@code -Dslipway.test.postgres}) on PostgreSQL. */
class ProjectRepositoryIT
{
    private static TestDatabases databases;

    @TempDir
    Path temp;

    @BeforeAll
    static void databases()
    {
        databases = TestDatabases.fromSystemProperty();
    }

    @AfterAll
    static void close()
    {
        databases.close();
    }

    static Stream<String> available()
    {
        return databases.available().stream();
    }

    @ParameterizedTest
    @MethodSource("available")
    void projectsRoundTripAndNamesAreUnique(String database)
    {
        ProjectRepository repository = new ProjectRepository(TestDatabases.jdbi(databases.open(database, temp.resolve(database))));
        ProjectJson project = project("web", "Front end", Instant.now().truncatedTo(ChronoUnit.MILLIS));

        assertThat(repository.insert(project)).isTrue();
        assertThat(repository.insert(project)).isFalse();

        assertThat(repository.find("web")).contains(project);
        assertThat(repository.find("api")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("available")
    void listIsByNameAfterAPosition(String database)
    {
        ProjectRepository repository = new ProjectRepository(TestDatabases.jdbi(databases.open(database, temp.resolve(database))));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (String name : List.of("c", "a-1", "B", "a")) {
            repository.insert(project(name, "", now));
        }

        assertThat(repository.list(Optional.empty(), 10)).extracting(ProjectJson::name).containsExactly("B", "a", "a-1", "c");
        assertThat(repository.list(Optional.of("a"), 2)).extracting(ProjectJson::name).containsExactly("a-1", "c");
    }

    @ParameterizedTest
    @MethodSource("available")
    void updateAndDeleteUnderTheRowLock(String database)
    {
        ProjectRepository repository = new ProjectRepository(TestDatabases.jdbi(databases.open(database, temp.resolve(database))));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        repository.insert(project("web", "old", now));

        repository.jdbi().useTransaction(handle -> {
            ProjectJson stored = repository.find(handle, "web", true).orElseThrow();
            repository.update(handle, project("web", "new", now).withMetadata(stored.createdAt(), now.plusSeconds(1), stored.version() + 1));
        });

        ProjectJson updated = repository.find("web").orElseThrow();
        assertThat(updated.description()).isEqualTo("new");
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.updatedAt()).isEqualTo(now.plusSeconds(1));
        repository.jdbi().useTransaction(handle -> repository.delete(handle, "web"));
        assertThat(repository.find("web")).isEmpty();
    }

    private static ProjectJson project(String name, String description, Instant now)
    {
        return new ProjectJson(name, description, new ProjectJson.SourceJson("directory", Map.of("path", "/srv/" + name)),
                new ProjectJson.BuildspecJson("buildspec.yml", null),
                new ProjectJson.EnvironmentJson("local", null, "BUILD_GENERAL1_SMALL", false,
                        List.of(new ProjectJson.VariableJson("STAGE", "prod", "PLAINTEXT")), List.of()),
                new ProjectJson.ArtifactsJson("default", "ZIP", false, List.of(new ProjectJson.SecondaryArtifactJson("docs", "ZIP"))),
                new ProjectJson.CacheJson("STORE", "default"), 60, 480, 2, null, true, now, now, 1L);
    }
}
