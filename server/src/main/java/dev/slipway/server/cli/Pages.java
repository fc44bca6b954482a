package dev.slipway.server.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Cursor pagination for people: where a list printed as a table goes on. */
final class Pages
{
    private Pages() {}

    /** Tells on standard error how to get the next page, if there is one (standard output stays the table). */
    static void hint(JsonNode page, CliContext context)
    {
        JsonNode next = page.path("nextCursor");
        if (next.isTextual() && !next.asText().isEmpty()) {
            context.out().flush();
            context.err().println("More: repeat the command with --cursor " + next.asText());
        }
    }
}
