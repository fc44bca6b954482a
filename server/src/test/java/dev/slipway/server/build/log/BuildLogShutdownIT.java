package dev.slipway.server.build.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.slipway.server.build.log.SseTestClient.Event;
import dev.slipway.server.testing.SlipwayServerExtension;

/** Stopping the server with viewers connected: their streams end at once instead of holding the shutdown. */
class BuildLogShutdownIT
{
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @RegisterExtension
    final SlipwayServerExtension server = SlipwayServerExtension.builder()
            .config("server.shutdown-grace-period", "10m")
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

            CompletableFuture<Boolean> stopping = CompletableFuture.supplyAsync(server.server()::stop);

            // No end event: the log is not complete; the viewers reconnect with Last-Event-ID.
            assertThat(first.awaitEndOfStream(HANG_GUARD)).isTrue();
            assertThat(second.awaitEndOfStream(HANG_GUARD)).isTrue();
            // Held by the streams, the stop would wait out the grace period of ten minutes; the guard is far shorter.
            assertThat(stopping.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).as("a clean stop").isTrue();
        }
    }
}
