package dev.slipway.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.server.run.RunExitCodes;
import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;

/**
 * {@code slipway builds logs --follow} when the network misbehaves, through a proxy between the command and a real
 * server: a dropped connection is resumed with {@code Last-Event-ID} and no line is lost or printed twice; a stream
 * that goes silent is taken for dead and resumed; a server that stays away ends the command with exit code 3.
 */
class LogFollowIT
{
    private static final Pattern RESUMED = Pattern.compile("GET /api/v1/builds/\\S+/logs/stream\\?from=(\\d+) HTTP/1\\.1\r\n(?:[^\r\n]+\r\n)*?"
            + "Last-Event-ID: (\\d+)\r\n", Pattern.CASE_INSENSITIVE);

    private static final Pattern HEARTBEAT = Pattern.compile("\n: heartbeat\n");

    // Heartbeats five times a second, so that two seconds of silence mean a dead stream (the defaults are 15 s and 45 s).
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(200);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    private static final long HEARTBEATS_PER_IDLE_TIMEOUT = IDLE_TIMEOUT.toMillis() / HEARTBEAT_INTERVAL.toMillis();

    @RegisterExtension
    static final SlipwayServerExtension server = ServiceServers.builder().config("logs.heartbeat-interval", HEARTBEAT_INTERVAL.toMillis() + "ms")
            .build();

    @TempDir
    Path temp;

    private static Api api()
    {
        return new Api(server.client());
    }

    @Test
    void aDroppedConnectionIsResumedAfterTheLastLineItGot()
            throws IOException
    {
        Path go = temp.resolve("go");
        api().createInlineProject("dropped", "for i in 1 2 3 4 5; do echo \"line $i\"; done", "while [ ! -e '" + go + "' ]; do sleep 0.05; done",
                "for i in 6 7 8 9 10; do echo \"line $i\"; done");
        String id = api().start("dropped");

        try (ConnectionProxy proxy = ConnectionProxy.to(server.server().uri())) {
            Cli.Running following = Cli.against(proxy.uri()).start("builds", "logs", id, "--follow");
            await().atMost(Duration.ofSeconds(60)).until(() -> following.out().contains("line 5\n"));
            int connections = proxy.connections();

            proxy.dropAll();

            await("the command reconnects").atMost(Duration.ofSeconds(30)).until(() -> RESUMED.matcher(proxy.sent()).find());
            assertThat(proxy.connections()).isGreaterThan(connections);
            Files.writeString(go, "");
            Cli.Result result = following.await();

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(RunExitCodes.SUCCEEDED);
            List<String> log = api().logLines(id);
            assertThat(result.out().lines().toList()).as("every line once, in order").isEqualTo(log);
            Matcher resumed = RESUMED.matcher(proxy.sent());
            assertThat(resumed.find()).isTrue();
            long lastSeen = Long.parseLong(resumed.group(2));
            assertThat(Long.parseLong(resumed.group(1))).isEqualTo(lastSeen + 1);
            assertThat(lastSeen).as("it resumed after what it had, not from the start").isGreaterThanOrEqualTo(log.indexOf("line 5"));
        }
    }

    @Test
    void aStreamThatGoesSilentIsTakenForDeadAndResumed()
            throws IOException
    {
        Path go = temp.resolve("go");
        api().createInlineProject("silent", "echo first", "while [ ! -e '" + go + "' ]; do sleep 0.05; done", "echo second");
        String id = api().start("silent");

        try (ConnectionProxy proxy = ConnectionProxy.to(server.server().uri())) {
            Cli.Running following = Cli.against(proxy.uri()).idleTimeout(IDLE_TIMEOUT).start("builds", "logs", id, "--follow");
            await().atMost(Duration.ofSeconds(60)).until(() -> following.out().contains("first\n"));
            int connections = proxy.connections();
            long heartbeats = heartbeats(proxy);

            // Heartbeats keep a healthy stream from looking silent: while the build prints nothing, more of them reach the
            // command than the server sends in its idle timeout, and it stays on its connection.
            await("heartbeats spanning the idle timeout reach the command").atMost(Duration.ofSeconds(60))
                    .until(() -> heartbeats(proxy) >= heartbeats + HEARTBEATS_PER_IDLE_TIMEOUT + 5);
            assertThat(proxy.connections()).as("connections after the heartbeats").isEqualTo(connections);

            proxy.freezeAll();

            await("the command gives up the silent stream and reconnects").atMost(Duration.ofSeconds(30))
                    .until(() -> proxy.connections() > connections && RESUMED.matcher(proxy.sent()).find());
            Files.writeString(go, "");
            Cli.Result result = following.await();

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(RunExitCodes.SUCCEEDED);
            assertThat(result.out().lines().toList()).isEqualTo(api().logLines(id)).containsSubsequence("first", "second");
        }
    }

    /** @return how many heartbeats the proxy has let through to the command */
    private static long heartbeats(ConnectionProxy proxy)
    {
        return HEARTBEAT.matcher(proxy.received()).results().count();
    }

    @Test
    void aServerThatStaysAwayEndsTheFollowWithExitCode3()
            throws IOException
    {
        Path go = temp.resolve("go");
        api().createInlineProject("abandoned", "echo first", "while [ ! -e '" + go + "' ]; do sleep 0.05; done");
        String id = api().start("abandoned");

        ConnectionProxy proxy = ConnectionProxy.to(server.server().uri());
        Cli.Running following = Cli.against(proxy.uri()).reconnectFor(Duration.ofSeconds(2)).start("builds", "logs", id, "--follow");
        await().atMost(Duration.ofSeconds(60)).until(() -> following.out().contains("first\n"));

        proxy.close();

        Cli.Result result = following.await();
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        Matcher error = Pattern.compile("error: the live log of build " + Pattern.quote(id) + " from " + Pattern.quote(proxy.uri().toString())
                + " broke \\(connection refused\\) and could not be resumed at line (\\d+) for 2\\.0 s\n").matcher(result.err());
        assertThat(error.matches()).as(result.err()).isTrue();
        assertThat(Long.parseLong(error.group(1))).as("the first line it did not get").isEqualTo(result.out().lines().count());
        Files.writeString(go, "");
        api().awaitEnded(id);
    }
}
