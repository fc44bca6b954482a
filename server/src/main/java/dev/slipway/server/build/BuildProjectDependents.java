package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Inject;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.server.build.log.BuildLogStore;
import dev.slipway.server.project.ProjectDependents;

/**
 * A project's builds go with it: deleting a project with queued or running builds is refused; otherwise its builds,
 * their phases, its build counter and its idempotency tokens are deleted in the same transaction, and its build logs
 * after the commit.
 */
final class BuildProjectDependents
        implements ProjectDependents
{
    private static final Logger log = LoggerFactory.getLogger(BuildProjectDependents.class);

    private final BuildRepository repository;
    private final BuildLogStore logs;
    private final BatchRepository batches;

    @Inject
    BuildProjectDependents(BuildRepository repository, BuildLogStore logs, BatchRepository batches)
    {
        this.batches = requireNonNull(batches, "batches is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.logs = requireNonNull(logs, "logs is null");
    }

    @Override
    public Runnable deleting(Handle handle, String projectName)
    {
        // Starting a build locks the counter first; holding it here means no build can start until the delete is over.
        repository.lockCounter(handle, projectName);
        List<String> active = repository.activeIds(handle, projectName);
        if (!active.isEmpty()) {
            throw new SlipwayException(ErrorCode.CONFLICT, "Project '" + projectName + "' has " + active.size() + " queued or running "
                    + (active.size() == 1 ? "build" : "builds") + " " + active + "; stop " + (active.size() == 1 ? "it" : "them")
                    + " (POST /api/v1/builds/{id}/stop), then delete the project", active.stream().map(id -> "build " + id + " has not ended").toList());
        }
        List<String> activeBatches = batches.activeIds(handle, projectName);
        if (!activeBatches.isEmpty()) {
            throw new SlipwayException(ErrorCode.CONFLICT, "Project '" + projectName + "' has " + activeBatches.size() + " running batch "
                    + (activeBatches.size() == 1 ? "build" : "builds") + " " + activeBatches + "; stop them (POST /api/v1/build-batches/{id}/stop), then "
                    + "delete the project", activeBatches.stream().map(id -> "batch " + id + " has not ended").toList());
        }
        List<String> ids = repository.ids(handle, projectName);
        repository.deleteProject(handle, projectName);
        return () -> {
            for (String id : ids) {
                try {
                    logs.delete(id);
                }
                catch (IOException | RuntimeException e) {
                    log.warn("Cannot delete the log of build {} of deleted project '{}': {}", id, projectName, e.toString());
                }
            }
        };
    }
}
