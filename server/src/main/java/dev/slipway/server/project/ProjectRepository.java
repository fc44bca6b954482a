package dev.slipway.server.project;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.server.http.JsonMappers;

/**
 * The {@code projects} table. A project's settings are stored as its JSON; name, badge flag, times and version are
 * columns. Thread-safe; each method is its own transaction unless it takes a {@link Handle}.
 */
@Singleton
final class ProjectRepository
{
    private static final ObjectMapper JSON = JsonMappers.api();

    private final Jdbi jdbi;

    @Inject
    ProjectRepository(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /** @return false if a project of that name exists already */
    boolean insert(ProjectJson project)
    {
        return jdbi.inTransaction(handle -> {
            if (find(handle, project.name(), false).isPresent()) {
                return false;
            }
            handle.createUpdate("INSERT INTO projects (name, definition, badge_enabled, created_at, updated_at, version) "
                            + "VALUES (:name, :definition, :badge, :created, :updated, :version)")
                    .bind("name", project.name())
                    .bind("definition", json(project))
                    .bind("badge", project.badgeEnabled())
                    .bind("created", time(project.createdAt()))
                    .bind("updated", time(project.updatedAt()))
                    .bind("version", project.version())
                    .execute();
            return true;
        });
    }

    Optional<ProjectJson> find(String name)
    {
        return jdbi.withHandle(handle -> find(handle, name, false));
    }

    /** @param lock take the row lock (SELECT … FOR UPDATE) until the handle's transaction ends */
    Optional<ProjectJson> find(Handle handle, String name, boolean lock)
    {
        return handle.createQuery("SELECT name, definition, created_at, updated_at, version FROM projects WHERE name = :name" + (lock ? " FOR UPDATE" : ""))
                .bind("name", name)
                .map((rs, context) -> read(rs))
                .findOne();
    }

    /** @return up to {@code limit} projects whose names sort after {@code after}, by name */
    List<ProjectJson> list(Optional<String> after, int limit)
    {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT name, definition, created_at, updated_at, version FROM projects "
                        + "WHERE name > :after ORDER BY name")
                .bind("after", after.orElse(""))
                .setMaxRows(limit)
                .map((rs, context) -> read(rs))
                .list());
    }

    /** Replaces the stored project (same name) within the caller's transaction. */
    void update(Handle handle, ProjectJson project)
    {
        handle.createUpdate("UPDATE projects SET definition = :definition, badge_enabled = :badge, updated_at = :updated, version = :version "
                        + "WHERE name = :name")
                .bind("name", project.name())
                .bind("definition", json(project))
                .bind("badge", project.badgeEnabled())
                .bind("updated", time(project.updatedAt()))
                .bind("version", project.version())
                .execute();
    }

    void delete(Handle handle, String name)
    {
        handle.createUpdate("DELETE FROM projects WHERE name = :name").bind("name", name).execute();
    }

    Jdbi jdbi()
    {
        return jdbi;
    }

    private static ProjectJson read(ResultSet rs)
            throws SQLException
    {
        try {
            ProjectJson stored = JSON.readValue(rs.getString("definition"), ProjectJson.class);
            return stored.withMetadata(instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("version"));
        }
        catch (JsonProcessingException e) {
            throw new SQLException("The stored settings of project '" + rs.getString("name") + "' are not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static String json(ProjectJson project)
    {
        try {
            return JSON.writeValueAsString(project.withMetadata(null, null, 0));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("A project cannot be written as JSON", e);
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
