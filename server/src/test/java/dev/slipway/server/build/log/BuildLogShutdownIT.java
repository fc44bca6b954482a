package dev.slipway.server.build.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.slipway.server.build.log.SseTestClient.Event;
import dev.slipway.server.testing.SlipwayServerExtension;

/** Stopping the server with viewers connected: their streams end at once instead of holding the shutdown. */
class BuildLogShutdownIT
{
    @RegisterExtension
    final SlipwayServerExtension server = SlipwayServerExtension.builder()
            .config("server.shutdown-grace-period", "30s")
            .build();

    @Test
    void stoppingTheServerEndsLiveStreamsWithoutWaitingOutTheGracePeriod()
            throws Exception
    {
        String build = "web:running";
        BuildLogWriter writer = server.server().instance(BuildLogStore.class).open(build);
        writer.line("still running");
        HttpClient http = HttpClient.newHttpClient();
        try (SseTestClient first = SseTestClient.connect(http, server.client().request("/api/v1/builds/" + build + "/logs/stream"));
                SseTestClient second = SseTestClient.connect(http, server.client().request("/api/v1/builds/" + build + "/logs/stream"))) {
            assertThat(first.nextEvent(Duration.ofSeconds(20))).isEqualTo(new Event("line", Optional.of("0"), "still running"));
            assertThat(second.nextEvent(Duration.ofSeconds(20))).isEqualTo(new Event("line", Optional.of("0"), "still running"));

            long begin = System.nanoTime();
            assertThat(server.server().stop()).isTrue();
            Duration stopping = Duration.ofNanos(System.nanoTime() - begin);

            assertThat(stopping).isLessThan(Duration.ofSeconds(15));
            // No end event: the log is not complete; the viewers reconnect with Last-Event-ID.
            assertThat(first.awaitEndOfStream(Duration.ofSeconds(10))).isTrue();
            assertThat(second.awaitEndOfStream(Duration.ofSeconds(10))).isTrue();
        }
    }
}
