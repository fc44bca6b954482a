package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.server.build.BatchJson.BatchPhaseJson;
import dev.slipway.server.http.JsonMappers;
import dev.slipway.server.project.ProjectJson;

/**
 * The tables of batch builds: {@code build_batches} and {@code batch_builds} (which build is which task of which
 * batch). Methods that take a {@link Handle} run in the caller's transaction; the others are their own.
 *
 * <p>Thread-safe.
 */
@Singleton
final class BatchRepository
{
    private static final ObjectMapper JSON = JsonMappers.api();
    private static final TypeReference<List<BatchPhaseJson>> PHASES = new TypeReference<>() {};
    private static final String COLUMNS = "id, seq, project_name, batch_number, status, current_phase, initiator, combine_artifacts, retry_count, "
            + "start_time, end_time, project_definition, request, phases, outcome";

    private final Jdbi jdbi;

    @Inject
    BatchRepository(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /** @return the project's next batch number; call with the project's build counter locked */
    long nextNumber(Handle handle, String project)
    {
        return handle.createQuery("SELECT COALESCE(MAX(batch_number), 0) FROM build_batches WHERE project_name = :project")
                .bind("project", project).mapTo(Long.class).one() + 1;
    }

    /** @return the new batch's {@code seq} */
    long insert(Handle handle, BatchRecord batch)
    {
        return handle.createUpdate("INSERT INTO build_batches (id, project_name, batch_number, status, current_phase, initiator, combine_artifacts, "
                        + "retry_count, start_time, end_time, project_definition, request, phases, outcome) VALUES (:id, :project, :number, :status, "
                        + ":phase, :initiator, :combine, :retries, :start, NULL, :definition, :request, :phases, NULL)")
                .bind("id", batch.id())
                .bind("project", batch.project())
                .bind("number", batch.number())
                .bind("status", batch.status())
                .bind("phase", batch.currentPhase())
                .bind("initiator", batch.initiator())
                .bind("combine", batch.combineArtifacts())
                .bind("retries", batch.retryCount())
                .bind("start", BuildRepository.time(batch.startTime()))
                .bind("definition", BuildRepository.json(batch.definition()))
                .bind("request", BuildRepository.json(batch.request()))
                .bind("phases", BuildRepository.json(batch.phases()))
                .executeAndReturnGeneratedKeys("seq")
                .mapTo(Long.class)
                .one();
    }

    /** Records a batch phase change while the batch runs. */
    void phases(String id, String currentPhase, List<BatchPhaseJson> phases)
    {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE build_batches SET current_phase = :phase, phases = :phases WHERE id = :id")
                .bind("id", id).bind("phase", currentPhase).bind("phases", BuildRepository.json(phases)).execute());
    }

    /** Records the end of the batch's run. */
    void finished(String id, String status, Instant end, List<BatchPhaseJson> phases, BatchRecord.Outcome outcome)
    {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE build_batches SET status = :status, current_phase = :status, end_time = :end, "
                        + "phases = :phases, outcome = :outcome WHERE id = :id")
                .bind("id", id).bind("status", status).bind("end", BuildRepository.time(end)).bind("phases", BuildRepository.json(phases)).bind("outcome", BuildRepository.json(outcome)).execute());
    }

    /**
     * Makes an ended batch run again (a retry): IN_PROGRESS from SUBMITTED, its retry count one up.
     *
     * @return false if the batch is not ended (another retry won the race)
     */
    boolean restarted(String id, int retryCount, List<BatchPhaseJson> phases)
    {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE build_batches SET status = 'IN_PROGRESS', current_phase = 'SUBMITTED', "
                        + "end_time = NULL, retry_count = :retries, phases = :phases WHERE id = :id AND status <> 'IN_PROGRESS'")
                .bind("id", id).bind("retries", retryCount).bind("phases", BuildRepository.json(phases)).execute() == 1);
    }

    void link(Handle handle, String buildId, String batchId, String identifier)
    {
        handle.createUpdate("INSERT INTO batch_builds (build_id, batch_id, identifier) VALUES (:build, :batch, :identifier)")
                .bind("build", buildId).bind("batch", batchId).bind("identifier", identifier).execute();
    }

    Optional<BatchRecord> find(String id)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM build_batches WHERE id = :id")
                .bind("id", id).map((rs, context) -> read(rs)).findOne());
    }

    /** @return batches newest first, before the {@code seq} {@code before} */
    List<BatchRecord> list(Optional<String> project, Optional<Long> before, int limit)
    {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM build_batches WHERE 1 = 1");
        project.ifPresent(name -> sql.append(" AND project_name = :project"));
        before.ifPresent(seq -> sql.append(" AND seq < :before"));
        sql.append(" ORDER BY seq DESC LIMIT :limit");
        return jdbi.withHandle(handle -> {
            Query query = handle.createQuery(sql.toString()).bind("limit", limit);
            project.ifPresent(name -> query.bind("project", name));
            before.ifPresent(seq -> query.bind("before", seq));
            return query.map((rs, context) -> read(rs)).list();
        });
    }

    /** @return the batches that have not ended */
    List<BatchRecord> active()
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM build_batches WHERE status = 'IN_PROGRESS' ORDER BY seq")
                .map((rs, context) -> read(rs)).list());
    }

    /** @return the ids of a project's batches that have not ended */
    List<String> activeIds(Handle handle, String project)
    {
        return handle.createQuery("SELECT id FROM build_batches WHERE project_name = :project AND status = 'IN_PROGRESS' ORDER BY seq")
                .bind("project", project).mapTo(String.class).list();
    }

    /** @return the child builds of a batch, oldest first */
    List<BatchRecord.Child> children(String batchId)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT l.build_id, l.batch_id, l.identifier, b.status FROM batch_builds l "
                        + "JOIN builds b ON b.id = l.build_id WHERE l.batch_id = :batch ORDER BY b.seq")
                .bind("batch", batchId).map((rs, context) -> child(rs)).list());
    }

    /** @return which of the builds are children of a batch, by build id */
    Map<String, BatchRecord.Child> membership(Collection<String> buildIds)
    {
        Map<String, BatchRecord.Child> children = new LinkedHashMap<>();
        if (buildIds.isEmpty()) {
            return children;
        }
        jdbi.useHandle(handle -> handle.createQuery("SELECT l.build_id, l.batch_id, l.identifier, b.status FROM batch_builds l "
                        + "JOIN builds b ON b.id = l.build_id WHERE l.build_id IN (<ids>)")
                .bindList("ids", List.copyOf(buildIds))
                .map((rs, context) -> child(rs))
                .forEach(child -> children.put(child.buildId(), child)));
        return children;
    }

    /** Deletes a project's batches and their links (the builds themselves go with the project's builds). */
    void deleteProject(Handle handle, String project)
    {
        handle.createUpdate("DELETE FROM batch_builds WHERE batch_id IN (SELECT id FROM build_batches WHERE project_name = :project)")
                .bind("project", project).execute();
        handle.createUpdate("DELETE FROM build_batches WHERE project_name = :project").bind("project", project).execute();
    }

    private static BatchRecord.Child child(ResultSet rs)
            throws SQLException
    {
        return new BatchRecord.Child(rs.getString("build_id"), rs.getString("batch_id"), rs.getString("identifier"), rs.getString("status"));
    }

    private static BatchRecord read(ResultSet rs)
            throws SQLException
    {
        String id = rs.getString("id");
        try {
            String outcome = rs.getString("outcome");
            return new BatchRecord(
                    id,
                    rs.getLong("seq"),
                    rs.getString("project_name"),
                    rs.getLong("batch_number"),
                    rs.getString("status"),
                    rs.getString("current_phase"),
                    rs.getString("initiator"),
                    rs.getBoolean("combine_artifacts"),
                    rs.getInt("retry_count"),
                    BuildRepository.instant(rs, "start_time"),
                    Optional.ofNullable(BuildRepository.instant(rs, "end_time")),
                    JSON.readValue(rs.getString("project_definition"), ProjectJson.class),
                    JSON.readValue(rs.getString("request"), StartBuildRequest.class),
                    JSON.readValue(rs.getString("phases"), PHASES),
                    outcome == null ? Optional.empty() : Optional.of(JSON.readValue(outcome, BatchRecord.Outcome.class)));
        }
        catch (JsonProcessingException e) {
            throw new SQLException("The stored JSON of batch " + id + " is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
