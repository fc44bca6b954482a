package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * Closes the log store when the server stops: after the HTTP server (live streams end) and after the features that
 * write logs, because services stop in the reverse order of their modules.
 */
@Singleton
final class BuildLogLifecycle
        extends AbstractIdleService
{
    private final FileBuildLogStore store;

    @Inject
    BuildLogLifecycle(FileBuildLogStore store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    protected void startUp()
    {
        // The store is ready once constructed.
    }

    @Override
    protected void shutDown()
    {
        store.close();
    }

    @Override
    protected String serviceName()
    {
        return "build log store";
    }
}
