package dev.slipway.server.cli;

/** A command whose subcommands talk to the server ({@code projects}, {@code builds}): it gives them their context. */
interface ClientGroup
{
    /** @return the context of this run; the same object on every call */
    CliContext context();
}
