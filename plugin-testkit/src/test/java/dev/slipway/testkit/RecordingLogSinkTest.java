package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

final class RecordingLogSinkTest
{
    @Test
    void awaitsLinesWrittenByAnotherThread()
            throws Exception
    {
        RecordingLogSink sink = new RecordingLogSink();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 1000; i++) {
                sink.line("line " + i);
            }
        });

        assertThat(sink.awaitLine("line 999", Duration.ofSeconds(10))).isEqualTo("line 999");
        writer.join();
        assertThat(sink.awaitLines(1000, Duration.ofSeconds(1))).hasSize(1000);
        assertThat(sink.awaitLineContaining("e 5", Duration.ofSeconds(1))).isEqualTo("line 5");
        assertThat(sink.size()).isEqualTo(1000);
    }

    @Test
    void timeoutShowsTheLastLines()
    {
        RecordingLogSink sink = new RecordingLogSink();
        sink.line("first");
        sink.line("x".repeat(500));

        assertThatThrownBy(() -> sink.awaitLine("missing", Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("No line equal to 'missing'")
                .hasMessageContaining("| first")
                .hasMessageContaining("(500 characters)");
    }

    @Test
    void textJoinsLinesAndClearForgetsThem()
    {
        RecordingLogSink sink = new RecordingLogSink();
        sink.line("a");
        sink.line("b");

        assertThat(sink.text()).isEqualTo("a\nb");
        sink.clear();
        assertThat(sink.lines()).isEmpty();
    }

    @Test
    void recordingLoggerFormatsRecordsAndWaits()
            throws Exception
    {
        RecordingLogger logger = new RecordingLogger("test.recording");
        IllegalStateException failure = new IllegalStateException("boom");

        logger.info("Stored {} in {} ms", "output.zip", 12);
        logger.warn("Retrying {}", "upload", failure);
        logger.debug("details");

        assertThat(logger.messages(Level.INFO)).containsExactly("Stored output.zip in 12 ms");
        assertThat(logger.entries()).element(1).satisfies(entry -> {
            assertThat(entry.message()).isEqualTo("Retrying upload");
            assertThat(entry.throwable()).containsSame(failure);
        });
        assertThat(logger.awaitMessageContaining("details", Duration.ofSeconds(1)).level()).isEqualTo(Level.DEBUG);
        logger.clear();
        assertThat(logger.messages()).isEmpty();
    }
}
