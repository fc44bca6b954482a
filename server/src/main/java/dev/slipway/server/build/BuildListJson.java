package dev.slipway.server.build;

import java.util.List;

/**
 * {@code GET /api/v1/builds}: a page of builds, newest first.
 *
 * @param nextCursor pass as {@code cursor} to get the next (older) page; null on the last page
 */
public record BuildListJson(List<BuildJson> builds, String nextCursor)
{
    public BuildListJson
    {
        builds = List.copyOf(builds);
    }
}
