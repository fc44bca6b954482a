package dev.slipway.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.server.testing.ChildServer;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.testplugins.TestPlugins;

/** The {@code slipway server} process: its exit codes, its one-line failures and its graceful stop on SIGTERM. */
class ProcessIT
{
    @RegisterExtension
    static final SlipwayServerExtension running = SlipwayServerExtension.builder().build();

    @TempDir
    Path temporary;

    @Test
    void sigtermStopsPluginsInReverseOrderClosesTheDatabaseAndExitsZero()
            throws IOException
    {
        Path home = temporary.resolve("home");
        TestPlugins.alpha(home.resolve("plugins"));
        TestPlugins.beta(home.resolve("plugins"));
        write(home, "server:\n  port: 0\n  shutdown-grace-period: 5s\n");

        try (ChildServer child = ChildServer.start(home, Map.of(), "server")) {
            URI uri = child.awaitListening();
            assertThat(new TestHttpClient(uri).get("/api/v1/health").json().path("plugins").toString())
                    .isEqualTo("{\"total\":2,\"started\":2,\"failed\":0,\"states\":{\"alpha\":\"STARTED\",\"beta\":\"STARTED\"}}");

            child.process().destroy();

            assertThat(child.awaitExit()).as(child.output()).isZero();
            List<String> lines = child.lines();
            assertThat(indexOf(lines, "Plugin 'alpha' 1.0.0 started")).isLessThan(indexOf(lines, "Plugin 'beta' 1.0.0 started"));
            assertThat(indexOf(lines, "Stopping the HTTP server"))
                    .isLessThan(indexOf(lines, "Plugin 'beta' stopped"));
            assertThat(indexOf(lines, "Plugin 'beta' stopped")).isLessThan(indexOf(lines, "Plugin 'alpha' stopped"));
            assertThat(indexOf(lines, "Plugin 'alpha' stopped")).isLessThan(indexOf(lines, "Database closed"));
            assertThat(lines.get(lines.size() - 1)).contains("Slipway stopped in");
            assertThat(Files.readAllLines(home.resolve("data/plugins/alpha/events.log"))).containsExactly("started alpha tccl=true", "stopped alpha");
        }
    }

    @Test
    void malformedConfigurationIsOneLineNamingKeyLineAndColumnWithoutAStackTrace()
            throws IOException
    {
        Path home = temporary.resolve("home");
        write(home, "server:\n  host: 127.0.0.1\n  prot: 9090\n");

        try (ChildServer child = ChildServer.start(home, Map.of(), "server")) {
            assertThat(child.awaitExit()).isEqualTo(1);
            assertThat(child.lines()).containsExactly("slipway: conf/slipway.yml:3:3: unknown key 'prot' in 'server' "
                    + "(known keys: host, port, shutdown-grace-period, console-directory, max-request-body)");
        }
    }

    @Test
    void wrongTypeInTheConfigurationNamesKeyLineAndColumn()
            throws IOException
    {
        Path home = temporary.resolve("home");
        write(home, "server:\n  port: eighty\n");

        try (ChildServer child = ChildServer.start(home, Map.of(), "server")) {
            assertThat(child.awaitExit()).isEqualTo(1);
            assertThat(child.lines()).containsExactly("slipway: conf/slipway.yml:2:9: 'server.port' must be a whole number, was 'eighty'");
        }
    }

    @Test
    void debugAddsTheStackTrace()
            throws IOException
    {
        Path home = temporary.resolve("home");
        write(home, "server:\n  port: eighty\n");

        try (ChildServer child = ChildServer.start(home, Map.of(), "--debug", "server")) {
            assertThat(child.awaitExit()).isEqualTo(1);
            assertThat(child.output()).contains("slipway: conf/slipway.yml:2:9: 'server.port' must be a whole number, was 'eighty'", "\tat ");
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryFailsAtOnceNamingItAndTheHoldersPid()
    {
        Path home = running.home();

        try (ChildServer child = ChildServer.start(home, Map.of("SLIPWAY_SERVER_PORT", "0"), "server")) {
            assertThat(child.awaitExit()).isEqualTo(1);
            assertThat(child.lines()).last().isEqualTo("slipway: Data directory " + running.dataDirectory() + " is in use by another Slipway server (pid "
                    + ProcessHandle.current().pid() + "). Stop that server first, or give this one another directory (data-directory in slipway.yml, or SLIPWAY_DATA)");
            assertThat(child.output()).doesNotContain("Exception", "\tat ");
        }
        assertThat(running.client().get("/api/v1/health").json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void aTakenPortIsOneClearLine()
            throws IOException
    {
        Path home = temporary.resolve("home");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ChildServer child = ChildServer.start(home, Map.of("SLIPWAY_SERVER_PORT", Integer.toString(taken.getLocalPort())), "server")) {
            assertThat(child.awaitExit()).isEqualTo(1);
            assertThat(child.lines()).last().isEqualTo("slipway: Cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the address is already in use. "
                    + "Stop the other process, or set server.port (SLIPWAY_SERVER_PORT) to a free port");
            assertThat(child.output()).doesNotContain("Exception", "\tat ").contains("Database closed");
        }
    }

    private static void write(Path home, String yaml)
            throws IOException
    {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/slipway.yml"), yaml);
    }

    private static int indexOf(List<String> lines, String text)
    {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("No line contains '" + text + "' in:\n" + String.join("\n", lines));
    }
}
