package dev.slipway.server.build;

import java.util.List;

import dev.slipway.server.build.log.BuildLogStore;
import dev.slipway.server.bootstrap.SlipwayServer;

/** A build's log as the tests read it: from the server's log store. */
final class Logs
{
    private Logs() {}

    /** @return every line of the build's log */
    static List<String> lines(SlipwayServer server, String buildId)
    {
        return server.instance(BuildLogStore.class).read(buildId, 0, BuildLogStore.MAX_LINES_PER_READ).lines();
    }

    /** @return true once the build's log was completed */
    static boolean isComplete(SlipwayServer server, String buildId)
    {
        return server.instance(BuildLogStore.class).info(buildId).complete();
    }

    static boolean exists(SlipwayServer server, String buildId)
    {
        return server.instance(BuildLogStore.class).exists(buildId);
    }
}
