package dev.slipway.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.slipway.server.build.BuildJson.ArtifactJson;
import dev.slipway.server.build.BuildJson.ArtifactsJson;
import dev.slipway.server.build.BuildJson.CacheJson;
import dev.slipway.server.build.BuildJson.ContextJson;
import dev.slipway.server.build.BuildJson.ExportedVariableJson;
import dev.slipway.server.build.BuildJson.ReportJson;
import dev.slipway.server.build.engine.BuildPhaseType;
import dev.slipway.server.project.ProjectJson;
import dev.slipway.server.testing.TestDatabases;

/** The build tables through {@link BuildRepository}, on H2 and (with {@code -Dslipway.test.postgres}) on PostgreSQL. */
class BuildRepositoryIT
{
    private static TestDatabases databases;

    @TempDir
    Path temp;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

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
    void aBuildAndItsPhasesRoundTrip(String database)
    {
        BuildRepository repository = repository(database);
        project(repository.jdbi(), "web");
        BuildRecord build = insert(repository, "web", "web:1", 1, 0);

        BuildRecord found = repository.find("web:1").orElseThrow();
        assertThat(withoutSeq(found)).isEqualTo(withoutSeq(build));
        assertThat(found.seq()).isPositive();
        assertThat(repository.phases("web:1")).extracting(PhaseRow::type).containsExactly(BuildPhaseType.SUBMITTED, BuildPhaseType.QUEUED);

        Instant started = now.plusSeconds(2);
        repository.jdbi().useTransaction(handle -> {
            repository.waitReason(handle, "web:1", Optional.of("waiting for a free slot"));
            repository.started(handle, "web:1", started, BuildPhaseType.PROVISIONING, List.of(new ContextJson("EXECUTOR_BUSY", "waiting for a free slot")));
            repository.progress(handle, "web:1", Optional.of(BuildPhaseType.PROVISIONING),
                    List.of(new PhaseRow(BuildPhaseType.PROVISIONING, Optional.empty(), started, Optional.empty(), List.of())));
            repository.phaseEnded(handle, "web:1", BuildPhaseType.PROVISIONING, Optional.of("SUCCEEDED"), started.plusMillis(5), List.of());
            repository.phaseEnded(handle, "web:1", BuildPhaseType.COMPLETED, Optional.empty(), started.plusMillis(6), List.of());
        });
        BuildOutcome outcome = new BuildOutcome(List.of(new ExportedVariableJson("VERSION", "1.2.3")),
                new ArtifactsJson(new ArtifactJson(null, "file:///a.zip", "ab".repeat(32), 10, "web.zip"), List.of()),
                List.of(new ReportJson("web-unit", "TEST", "JUNITXML", "SUCCEEDED", 3, 3, 0, 0, null, null)), new CacheJson("k", true, "k", 5));
        repository.jdbi().useTransaction(handle -> repository.finished(handle, "web:1", "SUCCEEDED", started.plusMillis(6), Optional.of("abc"), outcome));

        BuildRecord ended = repository.find("web:1").orElseThrow();
        assertThat(ended.status()).isEqualTo("SUCCEEDED");
        assertThat(ended.currentPhase()).isEqualTo("COMPLETED");
        assertThat(ended.startTime()).contains(started);
        assertThat(ended.endTime()).contains(started.plusMillis(6));
        assertThat(ended.waitReason()).isEmpty();
        assertThat(ended.resolvedSourceVersion()).contains("abc");
        assertThat(ended.outcome()).contains(outcome);
        List<PhaseRow> phases = repository.phases("web:1");
        assertThat(phases).extracting(PhaseRow::type).containsExactly(BuildPhaseType.SUBMITTED, BuildPhaseType.QUEUED, BuildPhaseType.PROVISIONING,
                BuildPhaseType.COMPLETED);
        assertThat(phases.get(1).end()).contains(started);
        assertThat(phases.get(1).contexts()).containsExactly(new ContextJson("EXECUTOR_BUSY", "waiting for a free slot"));
        assertThat(phases.get(2).status()).contains("SUCCEEDED");
        assertThat(phases.get(3).status()).isEmpty();
        assertThat(repository.active()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("available")
    void progressUpdatesThePhasesThatExistAndInsertsTheOthersInOneWrite(String database)
    {
        BuildRepository repository = repository(database);
        project(repository.jdbi(), "web");
        insert(repository, "web", "web:1", 1, 0);
        Instant started = now.plusSeconds(1);
        repository.jdbi().useTransaction(handle -> repository.started(handle, "web:1", started, BuildPhaseType.PROVISIONING, List.of()));

        // The write that finds PROVISIONING running and DOWNLOAD_SOURCE not yet started...
        repository.jdbi().useTransaction(handle -> repository.progress(handle, "web:1", Optional.of(BuildPhaseType.PROVISIONING),
                List.of(new PhaseRow(BuildPhaseType.PROVISIONING, Optional.empty(), started, Optional.empty(), List.of()))));
        assertThat(repository.find("web:1").orElseThrow().currentPhase()).isEqualTo("PROVISIONING");
        assertThat(repository.phases("web:1")).extracting(PhaseRow::type)
                .containsExactly(BuildPhaseType.SUBMITTED, BuildPhaseType.QUEUED, BuildPhaseType.PROVISIONING);

        // ...and the next, which ends it (an existing row) and carries two phases that started and ended meanwhile (new rows).
        List<ContextJson> contexts = List.of(new ContextJson("EXECUTOR", "environment provisioned in 3 ms"));
        PhaseRow provisioning = new PhaseRow(BuildPhaseType.PROVISIONING, Optional.of("SUCCEEDED"), started, Optional.of(started.plusMillis(3)), contexts);
        PhaseRow download = new PhaseRow(BuildPhaseType.DOWNLOAD_SOURCE, Optional.of("SUCCEEDED"), started.plusMillis(3), Optional.of(started.plusMillis(4)),
                List.of());
        PhaseRow install = new PhaseRow(BuildPhaseType.INSTALL, Optional.empty(), started.plusMillis(4), Optional.empty(), List.of());
        repository.jdbi().useTransaction(handle -> repository.progress(handle, "web:1", Optional.of(BuildPhaseType.INSTALL), List.of(provisioning, download, install)));

        assertThat(repository.find("web:1").orElseThrow().currentPhase()).isEqualTo("INSTALL");
        List<PhaseRow> phases = repository.phases("web:1");
        assertThat(phases.subList(2, phases.size())).containsExactly(provisioning, download, install);

        // A write with no change of phase leaves the current phase alone.
        PhaseRow installed = new PhaseRow(BuildPhaseType.INSTALL, Optional.of("FAILED"), started.plusMillis(4), Optional.of(started.plusMillis(9)), List.of(
                new ContextJson("COMMAND_EXECUTION_ERROR", "Error while executing command: false. Reason: exit status 1")));
        repository.jdbi().useTransaction(handle -> repository.progress(handle, "web:1", Optional.empty(), List.of(installed)));
        assertThat(repository.find("web:1").orElseThrow().currentPhase()).isEqualTo("INSTALL");
        assertThat(repository.phases("web:1")).last().isEqualTo(installed);
    }

    @ParameterizedTest
    @MethodSource("available")
    void listsAreNewestFirstWithFiltersAndAPosition(String database)
    {
        BuildRepository repository = repository(database);
        project(repository.jdbi(), "web");
        project(repository.jdbi(), "api");
        for (int i = 1; i <= 4; i++) {
            insert(repository, "web", "web:" + i, i, i);
        }
        insert(repository, "api", "api:1", 1, 10);

        List<BuildRecord> all = repository.list(filter(Optional.empty()), Optional.empty(), 10);
        assertThat(all).extracting(BuildRecord::id).containsExactly("api:1", "web:4", "web:3", "web:2", "web:1");
        List<BuildRecord> page = repository.list(filter(Optional.of("web")), Optional.of(all.get(2).seq()), 2);
        assertThat(page).extracting(BuildRecord::id).containsExactly("web:2", "web:1");
        assertThat(repository.list(new BuildFilter(Optional.empty(), Optional.of("SUCCEEDED"), Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(), 10)).isEmpty();
        assertThat(repository.list(new BuildFilter(Optional.empty(), Optional.empty(), Optional.of("alice"), Optional.of(now.plusSeconds(3)),
                Optional.of(now.plusSeconds(10))), Optional.empty(), 10)).extracting(BuildRecord::id).containsExactly("web:4", "web:3");
        assertThat(repository.active()).extracting(BuildRecord::id).containsExactly("web:1", "web:2", "web:3", "web:4", "api:1");
        assertThat(repository.latest("web", Optional.of("main"))).map(BuildRecord::id).contains("web:4");
        assertThat(repository.latest("web", Optional.of("other"))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("available")
    void theCounterLockGivesConcurrentStartsDistinctNumbers(String database)
            throws Exception
    {
        BuildRepository repository = repository(database);
        project(repository.jdbi(), "web");
        repository.ensureCounter("web");
        repository.ensureCounter("web");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> numbers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                numbers.add(threads.submit(() -> repository.jdbi().inTransaction(handle -> {
                    long next = repository.lockCounter(handle, "web").orElseThrow() + 1;
                    repository.setCounter(handle, "web", next);
                    return next;
                })));
            }
            List<Long> given = new ArrayList<>();
            for (Future<Long> number : numbers) {
                given.add(number.get());
            }
            Collections.sort(given);
            assertThat(given).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
        }
        finally {
            threads.shutdownNow();
        }
        Optional<Long> missing = read(repository, handle -> repository.lockCounter(handle, "missing"));
        assertThat(missing).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("available")
    void idempotencyTokensAreFoundWithinTheirWindowAndReplaced(String database)
    {
        BuildRepository repository = repository(database);
        repository.jdbi().useTransaction(handle -> repository.saveIdempotency(handle, "web", "token", "hash-1", "web:1", now));

        Optional<Map.Entry<String, String>> within = read(repository, handle -> repository.idempotency(handle, "web", "token", now.minusSeconds(60)));
        Optional<Map.Entry<String, String>> after = read(repository, handle -> repository.idempotency(handle, "web", "token", now.plusSeconds(1)));
        assertThat(within).contains(Map.entry("web:1", "hash-1"));
        assertThat(after).isEmpty();
        repository.jdbi().useTransaction(handle -> repository.saveIdempotency(handle, "web", "token", "hash-2", "web:2", now));
        Optional<Map.Entry<String, String>> replaced = read(repository, handle -> repository.idempotency(handle, "web", "token", now.minusSeconds(60)));
        assertThat(replaced).contains(Map.entry("web:2", "hash-2"));
    }

    @ParameterizedTest
    @MethodSource("available")
    void aProjectsBuildsAreDeletedWithItAndABuildNeedsItsProject(String database)
    {
        BuildRepository repository = repository(database);
        project(repository.jdbi(), "web");
        repository.ensureCounter("web");
        insert(repository, "web", "web:1", 1, 0);
        insert(repository, "web", "web:2", 2, 1);

        List<String> active = read(repository, handle -> repository.activeIds(handle, "web"));
        List<String> ids = read(repository, handle -> repository.ids(handle, "web"));
        assertThat(active).containsExactly("web:1", "web:2");
        assertThat(ids).containsExactly("web:2", "web:1");
        repository.jdbi().useTransaction(handle -> {
            repository.deleteProject(handle, "web");
            handle.createUpdate("DELETE FROM projects WHERE name = 'web'").execute();
        });

        assertThat(repository.find("web:1")).isEmpty();
        assertThat(repository.phases(List.of("web:1", "web:2"))).isEmpty();
        assertThatThrownBy(() -> insert(repository, "web", "web:3", 3, 2)).as("the project is gone").isInstanceOf(RuntimeException.class);
    }

    private static <T> T read(BuildRepository repository, java.util.function.Function<org.jdbi.v3.core.Handle, T> query)
    {
        return repository.jdbi().withHandle(query::apply);
    }

    private BuildRepository repository(String database)
    {
        return new BuildRepository(TestDatabases.jdbi(databases.open(database, temp.resolve(database))));
    }

    private BuildRecord insert(BuildRepository repository, String project, String id, long number, int secondsLater)
    {
        Instant queued = now.plusSeconds(secondsLater);
        ProjectJson definition = new ProjectJson(project, "", new ProjectJson.SourceJson("none", Map.of()), new ProjectJson.BuildspecJson(null, "version: 0.2"),
                new ProjectJson.EnvironmentJson("local", null, "BUILD_GENERAL1_SMALL", false, List.of(), List.of()), null, new ProjectJson.CacheJson("NO_CACHE", null),
                60, 480, null, null, false, null, null, null);
        BuildRecord build = new BuildRecord(id, 0, project, number, BuildRecord.IN_PROGRESS, "QUEUED", secondsLater > 2 ? "alice" : "bob",
                Optional.empty(), 0, Optional.of("main"), Optional.empty(), "local", queued, Optional.empty(), Optional.empty(), Optional.empty(), 60, 480,
                definition, new StartBuildRequest("main", null, null, null, null, null, null), Optional.empty());
        long seq = repository.jdbi().inTransaction(handle -> repository.insert(handle, build, List.of(
                new PhaseRow(BuildPhaseType.SUBMITTED, Optional.of("SUCCEEDED"), queued, Optional.of(queued), List.of()),
                new PhaseRow(BuildPhaseType.QUEUED, Optional.empty(), queued, Optional.empty(), List.of()))));
        assertThat(seq).isPositive();
        return build;
    }

    private static BuildRecord withoutSeq(BuildRecord build)
    {
        return new BuildRecord(build.id(), 0, build.project(), build.number(), build.status(), build.currentPhase(), build.initiator(), build.retryOf(),
                build.priority(), build.sourceVersion(), build.resolvedSourceVersion(), build.executor(), build.queuedAt(), build.startTime(), build.endTime(),
                build.waitReason(), build.timeoutMinutes(), build.queuedTimeoutMinutes(), build.definition(), build.request(), build.outcome());
    }

    private static BuildFilter filter(Optional<String> project)
    {
        return new BuildFilter(project, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private void project(Jdbi jdbi, String name)
    {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO projects (name, definition, badge_enabled, created_at, updated_at, version) "
                        + "VALUES (:name, '{}', FALSE, :now, :now, 1)")
                .bind("name", name).bind("now", now.atOffset(java.time.ZoneOffset.UTC)).execute());
    }
}
