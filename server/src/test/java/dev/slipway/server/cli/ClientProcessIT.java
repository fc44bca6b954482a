package dev.slipway.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.server.run.RunExitCodes;
import dev.slipway.server.testing.ChildServer;
import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;

/**
 * The client commands as people run them: {@code slipway} ({@code dev.slipway.server.bootstrap.Main}) in a child JVM,
 * the server and token from the environment, the exit code of the real process, the output of a process whose output
 * is not a terminal.
 */
class ClientProcessIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = ServiceServers.builder().build();

    @TempDir
    Path temp;

    @Test
    void followingAFailedBuildExitsWithItsStatusUsingTheServerAndTokenFromTheEnvironment()
    {
        Api api = new Api(server.client());
        api.createInlineProject("in-a-process", "echo from a process", "exit 4");
        String id = api.start("in-a-process");
        api.awaitEnded(id);

        try (ConnectionProxy proxy = ConnectionProxy.to(server.server().uri());
                ChildServer slipway = ChildServer.start(temp.resolve("home"), Map.of("SLIPWAY_SERVER", proxy.uri().toString(), "SLIPWAY_TOKEN", "t0ken"),
                        "builds", "logs", id, "--follow")) {
            assertThat(slipway.awaitExit()).as(slipway.output()).isEqualTo(RunExitCodes.FAILED);
            assertThat(slipway.lines()).containsSubsequence(api.logLines(id));
            assertThat(slipway.output()).containsPattern("(?m)^Build in-a-process:[0-9a-f-]{36} \\(#1\\) FAILED after ")
                    .contains("  BUILD FAILED: COMMAND_EXECUTION_ERROR: Error while executing command: exit 4. Reason: exit status 4\n")
                    .as("no colours when the output is not a terminal").doesNotContain("\033[");
            assertThat(proxy.sent()).contains("\r\nAuthorization: Bearer t0ken\r\n");
        }
    }

    @Test
    void anUnreachableServerExits3()
    {
        int port = ConnectionProxy.closedPort();

        try (ChildServer slipway = ChildServer.start(temp.resolve("home"), Map.of(), "projects", "list", "--server", "http://127.0.0.1:" + port)) {
            assertThat(slipway.awaitExit()).as(slipway.output()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(slipway.output()).isEqualTo("error: cannot reach the Slipway server at http://127.0.0.1:" + port + "/ (connection refused); "
                    + "--server or SLIPWAY_SERVER names the server\n");
        }
    }

    @Test
    void aUsageErrorExits2()
    {
        try (ChildServer slipway = ChildServer.start(temp.resolve("home"), Map.of(), "builds", "logs")) {
            assertThat(slipway.awaitExit()).as(slipway.output()).isEqualTo(ExitCodes.USAGE);
            assertThat(slipway.output()).startsWith("Missing required parameter: 'ID'\nUsage: slipway builds logs ");
        }
    }

    @Test
    void theTablesOfAProcessListTheProjects()
    {
        new Api(server.client()).createInlineProject("listed-by-a-process", "true");

        try (ChildServer slipway = ChildServer.start(temp.resolve("home"), Map.of("SLIPWAY_SERVER", server.server().uri().toString()), "projects", "list")) {
            assertThat(slipway.awaitExit()).as(slipway.output()).isZero();
            assertThat(slipway.lines().get(0)).matches("NAME +SOURCE +BUILDSPEC +EXECUTOR +UPDATED +DESCRIPTION");
            assertThat(slipway.output()).containsPattern("(?m)^listed-by-a-process +none +inline \\(5 lines\\) +local +(just now|\\d+ s ago) +-$");
        }
    }
}
