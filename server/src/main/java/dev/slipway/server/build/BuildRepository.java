package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.server.build.BuildJson.ContextJson;
import dev.slipway.server.build.engine.BuildPhaseType;
import dev.slipway.server.http.JsonMappers;
import dev.slipway.server.project.ProjectJson;

/**
 * The tables of builds: {@code builds}, {@code build_phases}, {@code build_counters} and {@code build_idempotency}.
 * Methods that take a {@link Handle} run in the caller's transaction; the others are their own.
 *
 * <p>Thread-safe.
 */
@Singleton
final class BuildRepository
{
    private static final ObjectMapper JSON = JsonMappers.api();
    private static final TypeReference<List<ContextJson>> CONTEXTS = new TypeReference<>() {};
    private static final String COLUMNS = "id, seq, project_name, build_number, status, current_phase, initiator, retry_of, priority, source_version, "
            + "resolved_source_version, executor, queued_at, start_time, end_time, wait_reason, timeout_minutes, queued_timeout_minutes, "
            + "project_definition, request, outcome";

    private final Jdbi jdbi;
    /** Projects known to have a build counter: starting a build then skips the check. */
    private final Set<String> counters = ConcurrentHashMap.newKeySet();

    @Inject
    BuildRepository(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    Jdbi jdbi()
    {
        return jdbi;
    }

    // ---------------------------------------------------------------- starting

    /** Creates the project's build counter if it has none yet (its own transaction, so that a race is harmless). */
    void ensureCounter(String project)
    {
        if (counters.contains(project)) {
            return;
        }
        boolean exists = jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM build_counters WHERE project_name = :project")
                .bind("project", project).mapTo(Long.class).one() > 0);
        if (exists) {
            counters.add(project);
            return;
        }
        try {
            jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO build_counters (project_name, last_number) VALUES (:project, 0)")
                    .bind("project", project).execute());
            counters.add(project);
        }
        catch (RuntimeException e) {
            // Another start created it meanwhile, or the project is gone (the insert of the build will say so).
            if (!jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM build_counters WHERE project_name = :project")
                    .bind("project", project).mapTo(Long.class).one() > 0)) {
                throw e;
            }
        }
    }

    /**
     * Locks the project's counter row until the transaction ends, which serialises the starts of one project.
     *
     * @return the last number given, or empty if the project has no counter (it was deleted)
     */
    Optional<Long> lockCounter(Handle handle, String project)
    {
        return handle.createQuery("SELECT last_number FROM build_counters WHERE project_name = :project FOR UPDATE")
                .bind("project", project).mapTo(Long.class).findOne();
    }

    void setCounter(Handle handle, String project, long number)
    {
        handle.createUpdate("UPDATE build_counters SET last_number = :number WHERE project_name = :project")
                .bind("project", project).bind("number", number).execute();
    }

    /** @return the build a token started, with the hash of the request it started, if the token was used after {@code since} */
    Optional<Map.Entry<String, String>> idempotency(Handle handle, String project, String token, Instant since)
    {
        return handle.createQuery("SELECT build_id, request_hash FROM build_idempotency WHERE project_name = :project AND token = :token "
                        + "AND created_at > :since")
                .bind("project", project).bind("token", token).bind("since", time(since))
                .map((rs, context) -> Map.entry(rs.getString("build_id"), rs.getString("request_hash")))
                .findOne();
    }

    void saveIdempotency(Handle handle, String project, String token, String hash, String buildId, Instant now)
    {
        handle.createUpdate("DELETE FROM build_idempotency WHERE project_name = :project AND token = :token")
                .bind("project", project).bind("token", token).execute();
        handle.createUpdate("INSERT INTO build_idempotency (project_name, token, request_hash, build_id, created_at) "
                        + "VALUES (:project, :token, :hash, :build, :now)")
                .bind("project", project).bind("token", token).bind("hash", hash).bind("build", buildId).bind("now", time(now))
                .execute();
    }

    /** @return the new build's {@code seq} */
    long insert(Handle handle, BuildRecord build, List<PhaseRow> phases)
    {
        long seq = handle.createUpdate("INSERT INTO builds (id, project_name, build_number, status, current_phase, initiator, retry_of, priority, "
                        + "source_version, resolved_source_version, executor, queued_at, start_time, end_time, wait_reason, timeout_minutes, "
                        + "queued_timeout_minutes, project_definition, request, outcome) VALUES (:id, :project, :number, :status, :phase, :initiator, "
                        + ":retryOf, :priority, :sourceVersion, NULL, :executor, :queuedAt, NULL, NULL, :waitReason, :timeout, :queuedTimeout, "
                        + ":definition, :request, NULL)")
                .bind("id", build.id())
                .bind("project", build.project())
                .bind("number", build.number())
                .bind("status", build.status())
                .bind("phase", build.currentPhase())
                .bind("initiator", build.initiator())
                .bind("retryOf", build.retryOf().orElse(null))
                .bind("priority", build.priority())
                .bind("sourceVersion", build.sourceVersion().orElse(null))
                .bind("executor", build.executor())
                .bind("queuedAt", time(build.queuedAt()))
                .bind("waitReason", build.waitReason().orElse(null))
                .bind("timeout", build.timeoutMinutes())
                .bind("queuedTimeout", build.queuedTimeoutMinutes())
                .bind("definition", json(build.definition()))
                .bind("request", json(build.request()))
                .executeAndReturnGeneratedKeys("seq")
                .mapTo(Long.class)
                .one();
        PreparedBatch batch = handle.prepareBatch("INSERT INTO build_phases (build_id, phase_type, phase_order, status, start_time, end_time, contexts) "
                + "VALUES (:id, :type, :order, :status, :start, :end, :contexts)");
        for (PhaseRow phase : phases) {
            bindPhase(batch, build.id(), phase).add();
        }
        if (!phases.isEmpty()) {
            batch.execute();
        }
        return seq;
    }

    // ---------------------------------------------------------------- reading

    Optional<BuildRecord> find(String id)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM builds WHERE id = :id")
                .bind("id", id).map((rs, context) -> read(rs)).findOne());
    }

    boolean exists(String id)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM builds WHERE id = :id").bind("id", id).mapTo(Long.class).one() > 0);
    }

    List<PhaseRow> phases(String id)
    {
        return phases(List.of(id)).getOrDefault(id, List.of());
    }

    /** @return the phases of each build, in phase order */
    Map<String, List<PhaseRow>> phases(Collection<String> ids)
    {
        Map<String, List<PhaseRow>> phases = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return phases;
        }
        jdbi.useHandle(handle -> handle.createQuery("SELECT build_id, phase_type, status, start_time, end_time, contexts FROM build_phases "
                        + "WHERE build_id IN (<ids>) ORDER BY build_id, phase_order")
                .bindList("ids", List.copyOf(ids))
                .map((rs, context) -> Map.entry(rs.getString("build_id"), readPhase(rs)))
                .forEach(entry -> phases.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue())));
        return phases;
    }

    /**
     * @param before only builds submitted before this {@code seq} (the cursor); empty for the newest
     * @return up to {@code limit} builds, newest first
     */
    List<BuildRecord> list(BuildFilter filter, Optional<Long> before, int limit)
    {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM builds WHERE 1 = 1");
        Map<String, Object> binds = new LinkedHashMap<>();
        filter.project().ifPresent(project -> {
            sql.append(" AND project_name = :project");
            binds.put("project", project);
        });
        filter.status().ifPresent(status -> {
            sql.append(" AND status = :status");
            binds.put("status", status);
        });
        filter.initiator().ifPresent(initiator -> {
            sql.append(" AND initiator = :initiator");
            binds.put("initiator", initiator);
        });
        filter.since().ifPresent(since -> {
            sql.append(" AND queued_at >= :since");
            binds.put("since", time(since));
        });
        filter.until().ifPresent(until -> {
            sql.append(" AND queued_at < :until");
            binds.put("until", time(until));
        });
        before.ifPresent(seq -> {
            sql.append(" AND seq < :before");
            binds.put("before", seq);
        });
        sql.append(" ORDER BY seq DESC");
        return jdbi.withHandle(handle -> {
            Query query = handle.createQuery(sql.toString()).setMaxRows(limit);
            binds.forEach(query::bind);
            return query.map((rs, context) -> read(rs)).list();
        });
    }

    /** @return the builds that are queued or running, in submission order */
    List<BuildRecord> active()
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM builds WHERE status = :status ORDER BY seq")
                .bind("status", BuildRecord.IN_PROGRESS).map((rs, context) -> read(rs)).list());
    }

    /** @return the newest build of a project (of one source version, if given) */
    Optional<BuildRecord> latest(String project, Optional<String> sourceVersion)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM builds WHERE project_name = :project"
                        + (sourceVersion.isPresent() ? " AND source_version = :version" : "") + " ORDER BY seq DESC")
                .bind("project", project)
                .bind("version", sourceVersion.orElse(null))
                .setMaxRows(1)
                .map((rs, context) -> read(rs))
                .findOne());
    }

    /** @return the builds that started within the time range, with their phases (for usage) */
    List<Map.Entry<BuildRecord, List<PhaseRow>>> started(Optional<Instant> since, Optional<Instant> until, Optional<String> project)
    {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM builds WHERE start_time IS NOT NULL");
        since.ifPresent(value -> sql.append(" AND start_time >= :since"));
        until.ifPresent(value -> sql.append(" AND start_time < :until"));
        project.ifPresent(value -> sql.append(" AND project_name = :project"));
        sql.append(" ORDER BY seq");
        List<BuildRecord> builds = jdbi.withHandle(handle -> {
            Query query = handle.createQuery(sql.toString());
            since.ifPresent(value -> query.bind("since", time(value)));
            until.ifPresent(value -> query.bind("until", time(value)));
            project.ifPresent(value -> query.bind("project", value));
            return query.map((rs, context) -> read(rs)).list();
        });
        List<Map.Entry<BuildRecord, List<PhaseRow>>> result = new ArrayList<>();
        for (int from = 0; from < builds.size(); from += 500) {
            List<BuildRecord> chunk = builds.subList(from, Math.min(builds.size(), from + 500));
            Map<String, List<PhaseRow>> phases = phases(chunk.stream().map(BuildRecord::id).toList());
            chunk.forEach(build -> result.add(Map.entry(build, phases.getOrDefault(build.id(), List.of()))));
        }
        return result;
    }

    // ---------------------------------------------------------------- progress

    /** The build left the queue: its start time, current phase, and the end of its QUEUED phase. */
    void started(Handle handle, String id, Instant start, BuildPhaseType phase, List<ContextJson> queuedContexts)
    {
        handle.createUpdate("UPDATE builds SET start_time = :start, current_phase = :phase, wait_reason = NULL WHERE id = :id")
                .bind("id", id).bind("start", time(start)).bind("phase", phase.name()).execute();
        phaseEnded(handle, id, BuildPhaseType.QUEUED, Optional.of("SUCCEEDED"), start, queuedContexts);
    }

    /**
     * Writes a running build's progress in a few statements, however many phases changed: its current phase (if given),
     * then each phase row in full, updated where it exists and inserted where it does not.
     */
    void progress(Handle handle, String id, Optional<BuildPhaseType> currentPhase, List<PhaseRow> phases)
    {
        currentPhase.ifPresent(phase -> handle.createUpdate("UPDATE builds SET current_phase = :phase WHERE id = :id")
                .bind("id", id).bind("phase", phase.name()).execute());
        if (phases.isEmpty()) {
            return;
        }
        PreparedBatch update = handle.prepareBatch("UPDATE build_phases SET status = :status, start_time = :start, end_time = :end, contexts = :contexts "
                // phase_order follows from phase_type; it is in the condition only because every row binds it.
                + "WHERE build_id = :id AND phase_type = :type AND phase_order = :order");
        phases.forEach(phase -> bindPhase(update, id, phase).add());
        int[] updated = update.execute();
        PreparedBatch insert = handle.prepareBatch("INSERT INTO build_phases (build_id, phase_type, phase_order, status, start_time, end_time, contexts) "
                + "VALUES (:id, :type, :order, :status, :start, :end, :contexts)");
        for (int i = 0; i < phases.size(); i++) {
            if (updated[i] == 0) {
                bindPhase(insert, id, phases.get(i)).add();
            }
        }
        if (insert.size() > 0) {
            insert.execute();
        }
    }

    /** Ends a phase (inserting it if it was never started, as for a phase that a crash or a stop ends). */
    void phaseEnded(Handle handle, String id, BuildPhaseType type, Optional<String> status, Instant end, List<ContextJson> contexts)
    {
        int updated = handle.createUpdate("UPDATE build_phases SET status = :status, end_time = :end, contexts = :contexts "
                        + "WHERE build_id = :id AND phase_type = :type")
                .bind("id", id).bind("type", type.name()).bind("status", status.orElse(null)).bind("end", time(end)).bind("contexts", json(contexts))
                .execute();
        if (updated == 0) {
            insertPhase(handle, id, new PhaseRow(type, status, end, Optional.of(end), contexts));
        }
    }

    void waitReason(Handle handle, String id, Optional<String> reason)
    {
        handle.createUpdate("UPDATE builds SET wait_reason = :reason WHERE id = :id AND status = :active")
                .bind("id", id).bind("reason", reason.orElse(null)).bind("active", BuildRecord.IN_PROGRESS).execute();
    }

    /** The build ended. */
    void finished(Handle handle, String id, String status, Instant end, Optional<String> resolvedSourceVersion, BuildOutcome outcome)
    {
        handle.createUpdate("UPDATE builds SET status = :status, current_phase = :phase, end_time = :end, wait_reason = NULL, "
                        + "resolved_source_version = COALESCE(:resolved, resolved_source_version), outcome = :outcome WHERE id = :id")
                .bind("id", id)
                .bind("status", status)
                .bind("phase", BuildPhaseType.COMPLETED.name())
                .bind("end", time(end))
                .bind("resolved", resolvedSourceVersion.orElse(null))
                .bind("outcome", json(outcome))
                .execute();
    }

    // ---------------------------------------------------------------- deleting

    /** @return the ids of a project's builds, newest first */
    List<String> ids(Handle handle, String project)
    {
        return handle.createQuery("SELECT id FROM builds WHERE project_name = :project ORDER BY seq DESC").bind("project", project).mapTo(String.class).list();
    }

    /** @return the ids of a project's queued or running builds */
    List<String> activeIds(Handle handle, String project)
    {
        return handle.createQuery("SELECT id FROM builds WHERE project_name = :project AND status = :active ORDER BY seq")
                .bind("project", project).bind("active", BuildRecord.IN_PROGRESS).mapTo(String.class).list();
    }

    /** Deletes every build of a project, its counter and its idempotency tokens. */
    void deleteProject(Handle handle, String project)
    {
        counters.remove(project);
        handle.createUpdate("DELETE FROM batch_builds WHERE build_id IN (SELECT id FROM builds WHERE project_name = :project)")
                .bind("project", project).execute();
        handle.createUpdate("DELETE FROM build_batches WHERE project_name = :project").bind("project", project).execute();
        handle.createUpdate("DELETE FROM build_phases WHERE build_id IN (SELECT id FROM builds WHERE project_name = :project)")
                .bind("project", project).execute();
        handle.createUpdate("DELETE FROM builds WHERE project_name = :project").bind("project", project).execute();
        handle.createUpdate("DELETE FROM build_idempotency WHERE project_name = :project").bind("project", project).execute();
        handle.createUpdate("DELETE FROM build_counters WHERE project_name = :project").bind("project", project).execute();
    }

    // ---------------------------------------------------------------- rows

    private static void insertPhase(Handle handle, String id, PhaseRow phase)
    {
        bindPhase(handle.createUpdate("INSERT INTO build_phases (build_id, phase_type, phase_order, status, start_time, end_time, contexts) "
                + "VALUES (:id, :type, :order, :status, :start, :end, :contexts)"), id, phase).execute();
    }

    private static <T extends SqlStatement<T>> T bindPhase(T statement, String id, PhaseRow phase)
    {
        return statement.bind("id", id)
                .bind("type", phase.type().name())
                .bind("order", phase.type().ordinal())
                .bind("status", phase.status().orElse(null))
                .bind("start", time(phase.start()))
                .bind("end", phase.end().map(BuildRepository::time).orElse(null))
                .bind("contexts", json(phase.contexts()));
    }

    private static BuildRecord read(ResultSet rs)
            throws SQLException
    {
        String id = rs.getString("id");
        try {
            String outcome = rs.getString("outcome");
            return new BuildRecord(
                    id,
                    rs.getLong("seq"),
                    rs.getString("project_name"),
                    rs.getLong("build_number"),
                    rs.getString("status"),
                    rs.getString("current_phase"),
                    rs.getString("initiator"),
                    Optional.ofNullable(rs.getString("retry_of")),
                    rs.getInt("priority"),
                    Optional.ofNullable(rs.getString("source_version")),
                    Optional.ofNullable(rs.getString("resolved_source_version")),
                    rs.getString("executor"),
                    instant(rs, "queued_at"),
                    Optional.ofNullable(instant(rs, "start_time")),
                    Optional.ofNullable(instant(rs, "end_time")),
                    Optional.ofNullable(rs.getString("wait_reason")),
                    rs.getInt("timeout_minutes"),
                    rs.getInt("queued_timeout_minutes"),
                    JSON.readValue(rs.getString("project_definition"), ProjectJson.class),
                    JSON.readValue(rs.getString("request"), StartBuildRequest.class),
                    outcome == null ? Optional.empty() : Optional.of(JSON.readValue(outcome, BuildOutcome.class)));
        }
        catch (JsonProcessingException e) {
            throw new SQLException("The stored JSON of build " + id + " is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static PhaseRow readPhase(ResultSet rs)
            throws SQLException
    {
        try {
            return new PhaseRow(BuildPhaseType.valueOf(rs.getString("phase_type")), Optional.ofNullable(rs.getString("status")), instant(rs, "start_time"),
                    Optional.ofNullable(instant(rs, "end_time")), JSON.readValue(rs.getString("contexts"), CONTEXTS));
        }
        catch (JsonProcessingException e) {
            throw new SQLException("The stored contexts of a phase of build " + rs.getString("build_id") + " are not readable", e);
        }
    }

    /** Also {@link BatchRepository}'s: JSON columns are written with the API's mapper. */
    static String json(Object value)
    {
        try {
            return JSON.writeValueAsString(value);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static OffsetDateTime time(Instant instant)
    {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column)
            throws SQLException
    {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
