package dev.slipway.server.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code slipway builds list [PROJECT] [filters]}: {@code GET /api/v1/builds}, one page, newest first. */
@Command(name = "list", sortOptions = false, description = "Lists builds, newest first, a page at a time.")
final class ListBuildsCommand
        extends ClientCommand
{
    @Parameters(index = "0", arity = "0..1", paramLabel = "PROJECT", description = "Only this project's builds.")
    String project;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only builds with this status: SUCCEEDED, FAILED, FAULT, TIMED_OUT, IN_PROGRESS, STOPPED.")
    String status;

    @Option(names = "--initiator", paramLabel = "NAME", description = "Only builds started by this user.")
    String initiator;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only builds started at or after TIME: an instant (2026-11-26T13:00:00Z), a date (2026-11-26, UTC) or an age (30m, 2h, 7d).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only builds started before TIME (as --since).")
    String until;

    @Option(names = "--limit", paramLabel = "N", description = "At most N builds (1 to 500; the server's default is 50).")
    Integer limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "The next page: the cursor the previous page printed.")
    String cursor;

    @Mixin
    OutputOptions output;

    @Override
    int run(Session session)
    {
        Instant now = session.context().clock().instant();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("project", project);
        query.put("status", status);
        query.put("initiator", initiator);
        query.put("since", time("--since", since, now));
        query.put("until", time("--until", until, now));
        query.put("limit", limit == null ? null : limit.toString());
        query.put("cursor", cursor);
        SlipwayClient.ApiResponse response = session.client().get(SlipwayClient.api("builds"), query);
        if (output.json()) {
            session.context().out().println(response.body());
            return ExitCodes.OK;
        }
        JsonNode page = response.json();
        Table table = BuildView.table();
        for (JsonNode build : page.path("builds")) {
            BuildView.addRow(table, build, session.styles(), now);
        }
        if (table.isEmpty()) {
            session.context().err().println(cursor == null ? "No builds." : "No more builds.");
        }
        else {
            table.print(session.context().out(), session.styles());
        }
        Pages.hint(page, session.context());
        return ExitCodes.OK;
    }

    private String time(String option, String text, Instant now)
    {
        if (text == null) {
            return null;
        }
        try {
            return HumanText.time(text, now).toString();
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + " " + e.getMessage());
        }
    }
}
