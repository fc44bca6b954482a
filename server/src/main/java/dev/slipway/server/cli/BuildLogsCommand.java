package dev.slipway.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code slipway builds logs ID [--tail N | --from N] [--follow]}: the log as it is ({@code …/logs/download},
 * {@code …/logs/tail}, {@code …/logs?from=}), or live until the build ends ({@code …/logs/stream}).
 */
@Command(name = "logs", sortOptions = false,
        description = {"Prints a build's log as the build printed it (ANSI colour codes kept).",
                "With --follow it goes on printing lines as they come until the build ends, and exits with the build's status."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:Printed; with --follow: the build SUCCEEDED.",
                "1:The server refused the request (an unknown build); with --follow: the build FAILED.",
                "2:The command line was wrong.",
                "3:The server could not be reached (with --follow: not for a minute after the connection broke); with --follow: the build FAULTED.",
                "4:With --follow: the build TIMED_OUT.",
                "130:With --follow: the build was STOPPED."})
final class BuildLogsCommand
        extends ClientCommand
{
    /** The most lines one request returns ({@code limit} and {@code lines} of the log endpoints). */
    static final int PAGE = 10_000;

    @Parameters(index = "0", paramLabel = "ID", description = "The build's id (PROJECT:UUID).")
    String id;

    @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines (with --follow: then the lines that follow).")
    Integer tail;

    @Option(names = "--from", paramLabel = "N", description = "From line N on (the first line is 0).")
    Long from;

    @Option(names = {"-f", "--follow"}, description = "Follows the log until the build ends (resuming after a dropped connection), "
            + "then exits with the build's status: 0 SUCCEEDED, 1 FAILED, 3 FAULT, 4 TIMED_OUT, 130 STOPPED.")
    boolean follow;

    @Override
    int run(Session session)
    {
        if (tail != null && from != null) {
            throw new ParameterException(spec.commandLine(), "--tail and --from exclude each other");
        }
        if (tail != null && tail < 0) {
            throw new ParameterException(spec.commandLine(), "--tail must be 0 or more, was " + tail);
        }
        if (from != null && from < 0) {
            throw new ParameterException(spec.commandLine(), "--from must be 0 or more, was " + from);
        }
        long next;
        if (tail != null) {
            next = printTail(session, tail);
        }
        else if (from != null) {
            next = follow ? from : printFrom(session, from);
        }
        else {
            if (!follow) {
                download(session);
            }
            next = 0;
        }
        if (!follow) {
            return ExitCodes.OK;
        }
        BuildWatch watch = new BuildWatch(session);
        JsonNode ended = watch.follow(id, next, true).json();
        watch.printSummary(ended);
        return BuildWatch.exitCode(ended);
    }

    /** @return the number of the line after the last one printed */
    private long printTail(Session session, int lines)
    {
        if (lines > 0 && lines <= PAGE) {
            return print(session, logs(session, "tail", Map.of("lines", Integer.toString(lines))));
        }
        long total = logs(session, "tail", Map.of("lines", "1")).path("total").asLong();
        if (lines == 0) {
            return total;
        }
        return printFrom(session, Math.max(0, total - lines));
    }

    /** Prints from the line on, a page at a time, up to the end of the log as it is. */
    private long printFrom(Session session, long first)
    {
        long next = first;
        while (true) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("from", Long.toString(next));
            query.put("limit", Integer.toString(PAGE));
            JsonNode page = logs(session, null, query);
            long after = print(session, page);
            if (page.path("lines").isEmpty() || after >= page.path("total").asLong()) {
                return after;
            }
            next = after;
        }
    }

    private JsonNode logs(Session session, String endpoint, Map<String, String> query)
    {
        String path = endpoint == null ? SlipwayClient.api("builds", id, "logs") : SlipwayClient.api("builds", id, "logs", endpoint);
        return session.client().get(path, query).json();
    }

    /** @return the page's {@code next} */
    private static long print(Session session, JsonNode page)
    {
        for (JsonNode line : page.path("lines")) {
            session.context().out().println(line.asText());
        }
        return page.path("next").asLong();
    }

    private void download(Session session)
    {
        try (InputStream log = session.client().stream(SlipwayClient.api("builds", id, "logs", "download"))) {
            log.transferTo(session.context().out());
        }
        catch (IOException e) {
            throw session.client().unreachable(e);
        }
    }
}
