package dev.slipway.server.build.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.slipway.server.build.log.SseTestClient.Event;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestResponse;

/** The log endpoints over real HTTP: ranges, tail, download, and the live SSE stream with resume and heartbeats. */
class BuildLogIT
{
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final SlipwayServerExtension server = SlipwayServerExtension.builder()
            .config("logs.heartbeat-interval", "200ms")
            .config("logs.flush-interval", "10ms")
            .build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rangesOfLinesWithTheirPosition(TestHttpClient client)
            throws IOException
    {
        String build = completeLog(IntStream.range(0, 25).mapToObj(i -> "line " + i).toList());

        JsonNode page = client.get(logs(build) + "?from=10&limit=5").json();

        assertThat(page.path("from").asLong()).isEqualTo(10);
        assertThat(texts(page.path("lines"))).containsExactly("line 10", "line 11", "line 12", "line 13", "line 14");
        assertThat(page.path("next").asLong()).isEqualTo(15);
        assertThat(page.path("total").asLong()).isEqualTo(25);
        assertThat(page.path("complete").asBoolean()).isTrue();
        assertThat(texts(client.get(logs(build)).json().path("lines"))).hasSize(25);
        JsonNode end = client.get(logs(build) + "?from=20&limit=100").json();
        assertThat(texts(end.path("lines"))).containsExactly("line 20", "line 21", "line 22", "line 23", "line 24");
        assertThat(end.path("next").asLong()).isEqualTo(25);
        JsonNode beyond = client.get(logs(build) + "?from=30").json();
        assertThat(texts(beyond.path("lines"))).isEmpty();
        assertThat(beyond.path("next").asLong()).isEqualTo(30);
    }

    @Test
    void theTailIsTheLastLines(TestHttpClient client)
            throws IOException
    {
        String build = completeLog(IntStream.range(0, 25).mapToObj(i -> "line " + i).toList());

        JsonNode tail = client.get(logs(build) + "/tail?lines=3").json();

        assertThat(tail.path("from").asLong()).isEqualTo(22);
        assertThat(texts(tail.path("lines"))).containsExactly("line 22", "line 23", "line 24");
        assertThat(tail.path("next").asLong()).isEqualTo(25);
        assertThat(texts(client.get(logs(build) + "/tail?lines=10000").json().path("lines"))).hasSize(25);
    }

    @Test
    void ansiCodesAndUnicodeComeBackAsWritten(TestHttpClient client)
            throws IOException
    {
        String build = completeLog(List.of("\u001b[1;31merror\u001b[0m: ünïcödé ✓ 😀", "10%\r20%"));

        assertThat(texts(client.get(logs(build)).json().path("lines"))).containsExactly("\u001b[1;31merror\u001b[0m: ünïcödé ✓ 😀", "10%\r20%");
    }

    @Test
    void theDownloadIsTheWholeFileAsAnAttachment(TestHttpClient client)
            throws IOException
    {
        String build = completeLog(List.of("first", "\u001b[32msecond\u001b[0m", "ünïcödé"));

        TestResponse download = client.get(logs(build) + "/download");

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain").containsIgnoringCase("charset=utf-8"));
        assertThat(download.header("Content-Disposition")).contains("attachment; filename=\"" + build.replace(':', '_') + ".log\"");
        assertThat(download.body()).isEqualTo("first\n\u001b[32msecond\u001b[0m\nünïcödé\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/tail", "/download", "/stream"})
    void anUnknownBuildIsNotFound(String endpoint, TestHttpClient client)
    {
        TestResponse response = client.send(client.request(logs("web:" + UUID.randomUUID()) + endpoint).header("Accept", "*/*").GET().build());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.json().path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(response.json().path("message").asText()).startsWith("Build 'web:").endsWith("' does not exist");
    }

    @Test
    void anEventSourceAskingForAnUnknownBuildGetsAJson404(TestHttpClient client)
    {
        TestResponse response = client.send(client.request(logs("web:nothing") + "/stream").header("Accept", "text/event-stream").GET().build());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("code").asText()).isEqualTo("NOT_FOUND");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "?from=-1| query parameter 'from' must be a whole number 0 or more, was '-1'",
            "?from=abc| query parameter 'from' must be a whole number 0 or more, was 'abc'",
            "?limit=0| query parameter 'limit' must be a whole number between 1 and 10000, was '0'",
            "?limit=10001| query parameter 'limit' must be a whole number between 1 and 10000, was '10001'",
            "?from=1.5&limit=x| query parameter 'from' must be a whole number 0 or more, was '1.5'; query parameter 'limit' must be a whole number between 1 and 10000, was 'x'",
            "/tail?lines=0| query parameter 'lines' must be a whole number between 1 and 10000, was '0'",
            "/tail?lines=many| query parameter 'lines' must be a whole number between 1 and 10000, was 'many'",
            "/stream?from=-3| query parameter 'from' must be a whole number 0 or more, was '-3'",
    })
    void badParametersAre400NamingThem(String query, String message, TestHttpClient client)
            throws IOException
    {
        String build = completeLog(List.of("a"));

        TestResponse response = client.get(logs(build) + query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(response.json().path("message").asText()).isEqualTo(message);
    }

    @Test
    void aBadLastEventIdIs400NamingTheHeader(TestHttpClient client)
            throws IOException
    {
        String build = completeLog(List.of("a"));

        TestResponse response = client.send(client.request(logs(build) + "/stream").header("Last-Event-ID", "line-4").GET().build());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).isEqualTo("header Last-Event-ID must be a whole number 0 or more, was 'line-4'");
    }

    @Test
    void theStreamSendsEveryLineWithItsNumberThenEndAndCloses(TestHttpClient client)
            throws Exception
    {
        String build = completeLog(List.of("zero", "", "\u001b[33mtwo\u001b[0m", " three"));

        try (SseTestClient stream = SseTestClient.connect(http, client.request(logs(build) + "/stream"))) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(stream.response().headers().firstValue("Cache-Control")).contains("no-cache");

            assertThat(stream.nextEvents(5, WAIT)).containsExactly(
                    line(0, "zero"), line(1, ""), line(2, "\u001b[33mtwo\u001b[0m"), line(3, " three"),
                    new Event("end", Optional.empty(), "{\"lines\":4}"));
            assertThat(stream.awaitEndOfStream(WAIT)).isTrue();
        }
    }

    @Test
    void liveLinesArriveWhileTheBuildRuns(TestHttpClient client)
            throws Exception
    {
        String build = newBuild();
        try (BuildLogWriter writer = store().open(build);
                SseTestClient stream = SseTestClient.connect(http, client.request(logs(build) + "/stream"))) {
            writer.line("started");
            assertThat(stream.nextEvent(WAIT)).isEqualTo(line(0, "started"));

            writer.line("working");
            writer.line("still working");
            assertThat(stream.nextEvents(2, WAIT)).containsExactly(line(1, "working"), line(2, "still working"));

            writer.line("done");
            writer.complete();
            assertThat(stream.nextEvents(2, WAIT)).containsExactly(line(3, "done"), new Event("end", Optional.empty(), "{\"lines\":4}"));
            assertThat(stream.awaitEndOfStream(WAIT)).isTrue();
        }
    }

    @Test
    void aStreamOpenedBeforeTheFirstLineWaitsForIt(TestHttpClient client)
            throws Exception
    {
        String build = newBuild();
        try (BuildLogWriter writer = store().open(build);
                SseTestClient stream = SseTestClient.connect(http, client.request(logs(build) + "/stream"))) {
            assertThat(stream.next(WAIT).name()).isEqualTo("comment");
            writer.line("first");
            writer.complete();

            assertThat(stream.nextEvents(2, WAIT)).containsExactly(line(0, "first"), new Event("end", Optional.empty(), "{\"lines\":1}"));
        }
    }

    @Test
    void lastEventIdResumesAfterThatLine(TestHttpClient client)
            throws Exception
    {
        String build = completeLog(IntStream.range(0, 10).mapToObj(i -> "line " + i).toList());

        try (SseTestClient stream = SseTestClient.connect(http, client.request(logs(build) + "/stream?from=2").header("Last-Event-ID", "6"))) {
            assertThat(stream.nextEvents(4, WAIT)).containsExactly(line(7, "line 7"), line(8, "line 8"), line(9, "line 9"),
                    new Event("end", Optional.empty(), "{\"lines\":10}"));
        }
    }

    @Test
    void fromStartsAtThatLine(TestHttpClient client)
            throws Exception
    {
        String build = completeLog(IntStream.range(0, 10).mapToObj(i -> "line " + i).toList());

        try (SseTestClient stream = SseTestClient.connect(http, client.request(logs(build) + "/stream?from=8"))) {
            assertThat(stream.nextEvents(3, WAIT)).containsExactly(line(8, "line 8"), line(9, "line 9"), new Event("end", Optional.empty(), "{\"lines\":10}"));
        }
    }

    @Test
    void aReconnectingViewerMissesNothing(TestHttpClient client)
            throws Exception
    {
        String build = newBuild();
        try (BuildLogWriter writer = store().open(build)) {
            String lastId;
            try (SseTestClient first = SseTestClient.connect(http, client.request(logs(build) + "/stream"))) {
                writer.line("a");
                writer.line("b");
                List<Event> seen = first.nextEvents(2, WAIT);
                lastId = seen.get(1).id().orElseThrow();
            }
            writer.line("c");
            writer.line("d");
            writer.complete();

            try (SseTestClient again = SseTestClient.connect(http, client.request(logs(build) + "/stream").header("Last-Event-ID", lastId))) {
                assertThat(again.nextEvents(3, WAIT)).containsExactly(line(2, "c"), line(3, "d"), new Event("end", Optional.empty(), "{\"lines\":4}"));
            }
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatComments(TestHttpClient client)
            throws Exception
    {
        String build = newBuild();
        try (BuildLogWriter writer = store().open(build);
                SseTestClient stream = SseTestClient.connect(http, client.request(logs(build) + "/stream"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(stream.next(Duration.ofSeconds(5))).isEqualTo(new Event("comment", Optional.empty(), "heartbeat"));
            }
            writer.complete();
            assertThat(stream.nextEvent(WAIT)).isEqualTo(new Event("end", Optional.empty(), "{\"lines\":0}"));
        }
    }

    @Test
    void aCarriageReturnInsideALineBecomesALineBreakOfTheEventData(TestHttpClient client)
            throws Exception
    {
        String build = completeLog(List.of("10%\r20%\r30%"));

        try (SseTestClient stream = SseTestClient.connect(http, client.request(logs(build) + "/stream"))) {
            assertThat(stream.nextEvent(WAIT)).isEqualTo(line(0, "10%\n20%\n30%"));
        }
    }

    @Test
    void aViewerThatStopsReadingDoesNotSlowTheWriter(TestHttpClient client)
            throws Exception
    {
        String build = newBuild();
        String padding = "x".repeat(100);
        int total = 200_000;
        try (BuildLogWriter writer = store().open(build);
                Socket stalled = stalledViewer(client, build);
                SseTestClient healthy = SseTestClient.connect(http, client.request(logs(build) + "/stream"))) {
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> countLines(healthy, total));

            // About 22 MB: far more than the socket buffers of the stalled viewer can take.
            for (int i = 0; i < total; i++) {
                writer.line("line " + i + " " + padding);
            }
            writer.complete();

            assertThat(received.get(60, TimeUnit.SECONDS)).isEqualTo(total);
            // The writer has finished while the stalled viewer, still connected, is far behind: it did not wait for it.
            List<Long> positions = followers(build);
            assertThat(positions).hasSize(1);
            assertThat(positions.get(0)).isLessThan(total / 2);
            assertThat(stalled.isClosed()).isFalse();
        }
    }

    @Test
    void aViewerThatLeavesIsForgotten(TestHttpClient client)
            throws Exception
    {
        String build = newBuild();
        try (BuildLogWriter writer = store().open(build)) {
            try (SseTestClient stream = SseTestClient.connect(http, client.request(logs(build) + "/stream"))) {
                writer.line("seen");
                assertThat(stream.nextEvent(WAIT)).isEqualTo(line(0, "seen"));
                assertThat(followers(build)).hasSize(1);
            }
            // Noticed at the latest when a heartbeat cannot be written.
            await().atMost(WAIT).until(() -> followers(build).isEmpty());
            writer.complete();
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheLogEndpoints(TestHttpClient client)
    {
        JsonNode paths = client.get("/api/v1/openapi.json").json().path("paths");

        assertThat(paths.path("/api/v1/builds/{id}/logs").path("get").path("parameters").findValuesAsText("name")).containsExactly("id", "from", "limit");
        assertThat(paths.path("/api/v1/builds/{id}/logs/tail").path("get").isObject()).isTrue();
        assertThat(contentTypes(paths.path("/api/v1/builds/{id}/logs/download"))).singleElement().asString().startsWith("text/plain");
        assertThat(contentTypes(paths.path("/api/v1/builds/{id}/logs/stream"))).containsExactly("text/event-stream");
    }

    /** Opens a stream over a raw socket with a tiny receive buffer and never reads from it. */
    private static Socket stalledViewer(TestHttpClient client, String build)
            throws IOException
    {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress(client.base().getHost(), client.base().getPort()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + logs(build) + "/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static int countLines(SseTestClient stream, int expected)
    {
        int count = 0;
        try {
            while (true) {
                Event event = stream.nextEvent(Duration.ofSeconds(30));
                if (event.name().equals("end")) {
                    return count;
                }
                if (!event.id().orElseThrow().equals(String.valueOf(count))) {
                    throw new AssertionError("event " + count + " has id " + event.id());
                }
                count++;
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> followers(String build)
    {
        return server.server().instance(FileBuildLogStore.class).followerPositions(build);
    }

    private static Event line(long number, String data)
    {
        return new Event("line", Optional.of(String.valueOf(number)), data);
    }

    private static String completeLog(List<String> lines)
            throws IOException
    {
        String build = newBuild();
        try (BuildLogWriter writer = store().open(build)) {
            lines.forEach(writer::line);
            writer.complete();
        }
        return build;
    }

    private static String newBuild()
    {
        return "web:" + UUID.randomUUID();
    }

    private static BuildLogStore store()
    {
        return server.server().instance(BuildLogStore.class);
    }

    private static String logs(String build)
    {
        return "/api/v1/builds/" + build + "/logs";
    }

    private static List<String> contentTypes(JsonNode path)
    {
        List<String> types = new ArrayList<>();
        path.path("get").path("responses").path("200").path("content").fieldNames().forEachRemaining(types::add);
        return types;
    }

    private static List<String> texts(JsonNode array)
    {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
