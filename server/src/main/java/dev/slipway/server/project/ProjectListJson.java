package dev.slipway.server.project;

import java.util.List;

/**
 * {@code GET /api/v1/projects}: a page of projects by name.
 *
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 */
public record ProjectListJson(List<ProjectJson> projects, String nextCursor)
{
    public ProjectListJson
    {
        projects = List.copyOf(projects);
    }
}
