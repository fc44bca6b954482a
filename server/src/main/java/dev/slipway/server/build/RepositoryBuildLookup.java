package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;

import dev.slipway.server.build.log.BuildLookup;

/** Tells the log endpoints which builds exist: those in the database, whether or not they have a log yet (queued). */
final class RepositoryBuildLookup
        implements BuildLookup
{
    private final BuildRepository repository;

    @Inject
    RepositoryBuildLookup(BuildRepository repository)
    {
        this.repository = requireNonNull(repository, "repository is null");
    }

    @Override
    public boolean exists(String buildId)
    {
        return repository.exists(buildId);
    }
}
