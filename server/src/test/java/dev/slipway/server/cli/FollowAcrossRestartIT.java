package dev.slipway.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.server.run.RunExitCodes;
import dev.slipway.server.testing.BundledPlugins;
import dev.slipway.server.testing.ChildServer;
import dev.slipway.server.testing.TestHttpClient;

/**
 * {@code slipway builds logs --follow} while the server is killed ({@code kill -9}) and started again: the command
 * rides out the outage, resumes the log where it was, and exits 3 — the build's status FAULT, "server restarted while
 * the build was running", with the exit code {@code slipway run} gives a FAULT.
 */
class FollowAcrossRestartIT
{
    @TempDir
    Path temp;

    private final List<ChildServer> children = new ArrayList<>();

    @AfterEach
    void stopServers()
            throws IOException
    {
        // The build's shell outlived the killed server; this lets it end.
        Files.writeString(temp.resolve("go"), "");
        children.forEach(ChildServer::close);
    }

    @Test
    void aFollowThatOutlivesAServerCrashEndsWithTheFaultItsRestartRecords()
            throws IOException
    {
        Path home = temp.resolve("home");
        BundledPlugins.copyTo(Files.createDirectories(home.resolve("plugins")));
        TestHttpClient before = new TestHttpClient(start(home));
        Api api = new Api(before);
        api.createInlineProject("crashed", "echo before the crash", "while [ ! -e '" + temp.resolve("go") + "' ]; do sleep 0.1; done");
        String id = api.start("crashed");

        try (ConnectionProxy proxy = ConnectionProxy.to(before.base())) {
            Cli.Running following = Cli.against(proxy.uri()).start("builds", "logs", id, "--follow");
            await().atMost(Duration.ofSeconds(60)).until(() -> following.out().contains("before the crash\n"));

            ChildServer first = children.get(0);
            first.process().destroyForcibly();
            assertThat(first.awaitExit()).isEqualTo(137);
            URI restarted = start(home);
            proxy.retarget(restarted.getPort());

            Cli.Result result = following.await();
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(RunExitCodes.FAULT);
            List<String> log = new Api(new TestHttpClient(restarted)).logLines(id);
            assertThat(result.out().lines().toList()).as("every line once, in order").isEqualTo(log);
            assertThat(log.get(log.size() - 1)).contains("The server restarted while the build was running (in phase BUILD); the build is marked FAULT");
            assertThat(result.err()).matches("Build crashed:[0-9a-f-]{36} \\(#1\\) FAULT after .+\n"
                    + "  BUILD FAULT: SERVER_RESTARTED: server restarted while the build was running\n");
            assertThat(proxy.sent()).containsPattern("(?i)Last-Event-ID: \\d+\r\n");
        }
    }

    private URI start(Path home)
    {
        ChildServer child = ChildServer.start(home, Map.of("SLIPWAY_SERVER_PORT", "0"), "server");
        children.add(child);
        return child.awaitListening();
    }
}
