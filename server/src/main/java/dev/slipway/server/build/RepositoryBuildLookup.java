package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;

import dev.slipway.server.build.log.BuildLogStore;
import dev.slipway.server.build.log.BuildLookup;

/**
 * Tells the log endpoints which builds exist: those in the database, whether or not they have a log yet (queued), and
 * any build that has a log (a log is readable for as long as it is kept).
 */
final class RepositoryBuildLookup
        implements BuildLookup
{
    private final BuildRepository repository;
    private final BuildLogStore logs;

    @Inject
    RepositoryBuildLookup(BuildRepository repository, BuildLogStore logs)
    {
        this.repository = requireNonNull(repository, "repository is null");
        this.logs = requireNonNull(logs, "logs is null");
    }

    @Override
    public boolean exists(String buildId)
    {
        return logs.exists(buildId) || repository.exists(buildId);
    }
}
