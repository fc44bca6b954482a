package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;

/** The {@link BuildLookup} until the build service binds its own: a build exists if it has a log. */
final class LogBuildLookup
        implements BuildLookup
{
    private final BuildLogStore store;

    @Inject
    LogBuildLookup(BuildLogStore store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public boolean exists(String buildId)
    {
        return store.exists(buildId);
    }
}
