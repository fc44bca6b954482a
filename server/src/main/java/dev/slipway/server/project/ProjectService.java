package dev.slipway.server.project;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.server.http.PageCursor;

/**
 * Build projects: create, read, update, delete, list. Other features (builds) read projects through {@link #get} and
 * {@link #find}; what they keep per project is removed through {@link ProjectDependents} when a project is deleted.
 *
 * <p>Deleting a project that has queued or running builds is refused with CONFLICT (stop them first); otherwise its
 * finished builds and their logs are deleted with it, so that a new project of the same name starts at build 1.
 *
 * <p>Thread-safe.
 */
@Singleton
public final class ProjectService
{
    private static final Logger log = LoggerFactory.getLogger(ProjectService.class);
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

    private final ProjectRepository repository;
    private final ProjectValidator validator;
    private final Set<ProjectDependents> dependents;
    private final Clock clock;

    @Inject
    ProjectService(ProjectRepository repository, ProjectValidator validator, Set<ProjectDependents> dependents)
    {
        this(repository, validator, dependents, Clock.systemUTC());
    }

    ProjectService(ProjectRepository repository, ProjectValidator validator, Set<ProjectDependents> dependents, Clock clock)
    {
        this.repository = requireNonNull(repository, "repository is null");
        this.validator = requireNonNull(validator, "validator is null");
        this.dependents = Set.copyOf(requireNonNull(dependents, "dependents is null"));
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @throws SlipwayException INVALID_ARGUMENT naming each invalid field; ALREADY_EXISTS if the name is taken
     */
    public ProjectJson create(ProjectJson request)
    {
        ProjectJson normalized = validator.normalize(request);
        Instant now = now();
        ProjectJson project = normalized.withMetadata(now, now, 1);
        if (!repository.insert(project)) {
            throw new SlipwayException(ErrorCode.ALREADY_EXISTS, "Project '" + project.name() + "' already exists; choose another name or update it "
                    + "with PUT /api/v1/projects/" + project.name());
        }
        log.info("Created project '{}'", project.name());
        return project;
    }

    /** @throws SlipwayException NOT_FOUND */
    public ProjectJson get(String name)
    {
        return find(name).orElseThrow(() -> notFound(name));
    }

    public Optional<ProjectJson> find(String name)
    {
        requireNonNull(name, "name is null");
        return repository.find(name);
    }

    /**
     * @param cursor from the previous page's {@code nextCursor}
     * @throws SlipwayException INVALID_ARGUMENT for a bad limit or cursor
     */
    public ProjectListJson list(String limit, String cursor)
    {
        int pageSize = PageCursor.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        Optional<String> after = PageCursor.decode(cursor);
        List<ProjectJson> page = repository.list(after, pageSize + 1);
        boolean more = page.size() > pageSize;
        List<ProjectJson> projects = more ? page.subList(0, pageSize) : page;
        return new ProjectListJson(projects, more ? PageCursor.encode(projects.get(projects.size() - 1).name()) : null);
    }

    /**
     * Replaces every setting of a project. The name cannot change; a {@code version} in the request must be the stored
     * one (optimistic concurrency), a request without it overwrites whatever is stored.
     *
     * @throws SlipwayException NOT_FOUND; INVALID_ARGUMENT naming each invalid field; CONFLICT for a stale version
     */
    public ProjectJson update(String name, ProjectJson request)
    {
        requireNonNull(name, "name is null");
        if (request != null && request.name() != null && !request.name().equals(name)) {
            throw ProjectValidator.invalid(List.of("name: a project cannot be renamed; it is '" + name + "', the request says '" + request.name() + "'"));
        }
        ProjectJson normalized = validator.normalize(request == null ? null : withName(request, name));
        ProjectJson updated = repository.jdbi().inTransaction(handle -> {
            ProjectJson stored = repository.find(handle, name, true).orElseThrow(() -> notFound(name));
            if (request.version() != null && request.version() != stored.version()) {
                throw new SlipwayException(ErrorCode.CONFLICT, "Project '" + name + "' was changed meanwhile: the request is based on version "
                        + request.version() + ", the stored one is version " + stored.version() + ". Read it again and repeat the update");
            }
            ProjectJson project = normalized.withMetadata(stored.createdAt(), now(), stored.version() + 1);
            repository.update(handle, project);
            return project;
        });
        log.info("Updated project '{}' to version {}", name, updated.version());
        return updated;
    }

    /**
     * Deletes a project and what other features keep of it.
     *
     * @throws SlipwayException NOT_FOUND; CONFLICT if it has queued or running builds
     */
    public void delete(String name)
    {
        requireNonNull(name, "name is null");
        List<Runnable> afterCommit = new ArrayList<>();
        try {
            repository.jdbi().useTransaction(handle -> {
                repository.find(handle, name, true).orElseThrow(() -> notFound(name));
                for (ProjectDependents dependent : dependents) {
                    afterCommit.add(dependent.deleting(handle, name));
                }
                repository.delete(handle, name);
            });
        }
        catch (UnableToExecuteStatementException e) {
            if (isForeignKeyViolation(e)) {
                // A build was started between the check of the dependents and the delete.
                throw new SlipwayException(ErrorCode.CONFLICT, "Project '" + name + "' has a build that was just started; stop it, then delete the project", e);
            }
            throw e;
        }
        afterCommit.forEach(Runnable::run);
        log.info("Deleted project '{}'", name);
    }

    private static boolean isForeignKeyViolation(UnableToExecuteStatementException e)
    {
        return e.getCause() instanceof java.sql.SQLException sql && "23503".equals(sql.getSQLState());
    }

    private static ProjectJson withName(ProjectJson request, String name)
    {
        return new ProjectJson(name, request.description(), request.source(), request.buildspec(), request.environment(), request.artifacts(), request.cache(),
                request.timeoutInMinutes(), request.queuedTimeoutInMinutes(), request.concurrentBuildLimit(), request.serviceRole(), request.badgeEnabled(),
                request.createdAt(), request.updatedAt(), request.version());
    }

    private Instant now()
    {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Checks environment variables given elsewhere (a start request's overrides) by the rules of a project's, filling in
     * their type.
     *
     * @param field the field path for messages, e.g. {@code environmentVariablesOverride}
     * @param problems where problems are added, one per field path
     */
    public static List<ProjectJson.VariableJson> checkVariables(String field, List<ProjectJson.VariableJson> variables, List<String> problems)
    {
        return ProjectValidator.variables(field, variables, problems);
    }

    /**
     * Checks inline buildspec YAML given elsewhere (a start request's override).
     *
     * @return one problem per error, with line and column: {@code "buildspecOverride: line 3, column 5: …"}
     */
    public static List<String> checkBuildspec(String field, String yaml)
    {
        return ProjectValidator.parseProblems(new dev.slipway.server.buildspec.BuildspecParser().parse(yaml), field);
    }

    /** @return the NOT_FOUND error for a project name, with what would have worked */
    public static SlipwayException notFound(String name)
    {
        return new SlipwayException(ErrorCode.NOT_FOUND, "Project '" + name + "' does not exist; GET /api/v1/projects lists the projects");
    }
}
