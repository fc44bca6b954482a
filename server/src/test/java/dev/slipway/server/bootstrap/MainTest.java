package dev.slipway.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.server.config.SlipwayVersion;
import picocli.CommandLine;

class MainTest
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void versionPrintsTheServerAndPluginApiVersions()
    {
        int exit = run("--version");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("slipway " + SlipwayVersion.current().server() + System.lineSeparator()
                + "plugin API " + SlipwayVersion.current().pluginApi() + System.lineSeparator() + "Java ");
    }

    @Test
    void noSubcommandPrintsTheUsageAndIsAUsageError()
    {
        int exit = run();

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: slipway", "server");
    }

    @Test
    void unknownOptionsAreUsageErrors()
    {
        assertThat(run("server", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--bogus'");
    }

    @Test
    void theClientCommandsAreSubcommands()
    {
        assertThat(run("projects", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: slipway projects", "create", "get", "list", "update", "delete");
        assertThat(run("builds", "logs", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: slipway builds logs", "--follow", "--server=URL", "--debug");
        assertThat(run("builds")).as("a group without a subcommand").isEqualTo(2);
        assertThat(err.toString()).contains("Usage: slipway builds", "start", "stop", "retry");
    }

    @Test
    void failuresAreReportedByTheirSlipwayMessage()
    {
        Exception wrapped = new IllegalStateException("wrapper", new SlipwayException(ErrorCode.CONFLICT, "Data directory /x is in use\nsecond line"));

        assertThat(Main.message(wrapped)).isEqualTo("Data directory /x is in use\nsecond line");
        assertThat(Main.message(new IllegalStateException("plain"))).isEqualTo("IllegalStateException: plain");
    }

    private int run(String... args)
    {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
