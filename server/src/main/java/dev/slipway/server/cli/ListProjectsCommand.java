package dev.slipway.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway projects list}: {@code GET /api/v1/projects}, one page. */
@Command(name = "list", sortOptions = false, description = "Lists build projects by name, a page at a time.")
final class ListProjectsCommand
        extends ClientCommand
{
    @Option(names = "--limit", paramLabel = "N", description = "At most N projects (1 to 500; the server's default is 50).")
    Integer limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "The next page: the cursor the previous page printed.")
    String cursor;

    @Mixin
    OutputOptions output;

    @Override
    int run(Session session)
    {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", limit == null ? null : limit.toString());
        query.put("cursor", cursor);
        SlipwayClient.ApiResponse response = session.client().get(SlipwayClient.api("projects"), query);
        if (output.json()) {
            session.context().out().println(response.body());
            return ExitCodes.OK;
        }
        JsonNode page = response.json();
        Table table = ProjectView.table();
        for (JsonNode project : page.path("projects")) {
            ProjectView.addRow(table, project, session.context().clock().instant());
        }
        if (table.isEmpty()) {
            session.context().err().println(cursor == null ? "No projects." : "No more projects.");
        }
        else {
            table.print(session.context().out(), session.styles());
        }
        Pages.hint(page, session.context());
        return ExitCodes.OK;
    }
}
