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

    // Heartbeats five times a second, so that a second of silence means a dead stream (the default is 15 s).
    @RegisterExtension
    static final SlipwayServerExtension server = ServiceServers.builder().config("logs.heartbeat-interval", "200ms").build();

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
            Cli.Running following = Cli.against(proxy.uri()).idleTimeout(Duration.ofSeconds(1)).start("builds", "logs", id, "--follow");
            await().atMost(Duration.ofSeconds(60)).until(() -> following.out().contains("first\n"));
            int connections = proxy.connections();
            // Heartbeats keep a healthy stream from looking silent.
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> proxy.connections() == connections);

            proxy.freezeAll();

            await("the command gives up the silent stream and reconnects").atMost(Duration.ofSeconds(30))
                    .until(() -> proxy.connections() > connections && RESUMED.matcher(proxy.sent()).find());
            Files.writeString(go, "");
            Cli.Result result = following.await();

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(RunExitCodes.SUCCEEDED);
            assertThat(result.out().lines().toList()).isEqualTo(api().logLines(id)).containsSubsequence("first", "second");
        }
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
        assertThat(result.err()).matches("error: the live log of build " + Pattern.quote(id) + " from " + Pattern.quote(proxy.uri().toString())
                + " broke \\(connection refused\\) and could not be resumed for 2\\.0 s after line \\d+\n");
        Files.writeString(go, "");
        api().awaitEnded(id);
    }
}
