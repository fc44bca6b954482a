package dev.slipway.plugins.localexecutor;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.CommandResult;
import dev.slipway.api.executor.Executor;
import dev.slipway.api.executor.LogSink;
import dev.slipway.api.executor.ShellOptions;
import dev.slipway.api.executor.ShellSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures the two figures the local executor promises and prints them: the round trip of a trivial command, and
 * streaming 50 MB of output compared with the same command writing to {@code /dev/null}. It asserts only what is
 * functional (every command succeeds, every line arrives); timings are never asserted in tests, because a shared
 * machine makes them flaky. The performance targets are checked by {@code benchmarks/} (see its README).
 */
class LocalShellPerformanceIT
{
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final int OUTPUT_BYTES = 50 * 1024 * 1024;

    @TempDir
    Path temp;

    private Executor executor;
    private BuildEnvironment environment;
    private ShellSession session;
    private Path workspace;

    @BeforeEach
    void setUp()
            throws Exception
    {
        workspace = Files.createDirectory(temp.resolve("workspace"));
        LocalExecutorFactory factory = new LocalExecutorFactory();
        executor = factory.create(factory.configSchema().bind(Map.of("detect-toolchains", false)), TestingContexts.extension(temp.resolve("data")));
        environment = executor.provision(TestingContexts.request(workspace), TestingContexts.build(LogSink.discard()));
        session = environment.openShell(ShellOptions.builder(workspace.toString()).build());
    }

    @AfterEach
    void tearDown()
    {
        environment.close();
        executor.close();
    }

    @Test
    void trivialCommandRoundTripCostsWellUnderAMillisecond()
            throws Exception
    {
        for (int i = 0; i < 500; i++) {
            session.run(":", LogSink.discard(), TIMEOUT);
        }
        int runs = 2000;
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            CommandResult result = session.run(":", LogSink.discard(), TIMEOUT);
            nanos[i] = System.nanoTime() - started;
            assertThat(result.exitStatus()).isZero();
        }
        Arrays.sort(nanos);
        double median = nanos[runs / 2] / 1000.0;
        double p90 = nanos[runs * 9 / 10] / 1000.0;
        double mean = Arrays.stream(nanos).average().orElseThrow() / 1000.0;
        System.out.printf("[local-executor] trivial command ':' round trip over %d runs: median %.0f µs, p90 %.0f µs, mean %.0f µs%n", runs, median, p90, mean);

    }

    @Test
    void freshShellPerCommandCostsAFewMilliseconds()
            throws Exception
    {
        int runs = 100;
        long[] nanos = new long[runs];
        for (int i = -20; i < runs; i++) {
            long started = System.nanoTime();
            try (ShellSession fresh = environment.openShell(ShellOptions.builder(workspace.toString()).build())) {
                assertThat(fresh.run(":", LogSink.discard(), TIMEOUT).exitStatus()).isZero();
            }
            if (i >= 0) {
                nanos[i] = System.nanoTime() - started;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("[local-executor] open a shell, run ':', close (buildspec 0.1 style) over %d runs: median %.1f ms, p90 %.1f ms%n",
                runs, nanos[runs / 2] / 1e6, nanos[runs * 9 / 10] / 1e6);

    }

    @Test
    void fiftyMegabytesStreamNearlyAsFastAsToDevNull()
            throws Exception
    {
        Path file = workspace.resolve("big.log");
        String line = "0123456789".repeat(9) + "ab-line-";
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long written = 0; written < OUTPUT_BYTES; written += line.length() + 1) {
                writer.write(line);
                writer.write('\n');
            }
        }
        long fileLines = Files.size(file) / (line.length() + 1);
        for (String producer : new String[] {"cat big.log", "seq 1 6500000"}) {
            session.run(producer + " >/dev/null", LogSink.discard(), TIMEOUT);
            long devNull = Long.MAX_VALUE;
            long throughPipe = Long.MAX_VALUE;
            long streamed = Long.MAX_VALUE;
            long[] counts = new long[2];
            for (int round = 0; round < 5; round++) {
                long started = System.nanoTime();
                session.run(producer + " >/dev/null", LogSink.discard(), TIMEOUT);
                devNull = Math.min(devNull, System.nanoTime() - started);

                started = System.nanoTime();
                session.run(producer + " | cat >/dev/null", LogSink.discard(), TIMEOUT);
                throughPipe = Math.min(throughPipe, System.nanoTime() - started);

                counts[0] = 0;
                counts[1] = 0;
                started = System.nanoTime();
                CommandResult result = session.run(producer, text -> {
                    counts[0]++;
                    counts[1] += text.length() + 1;
                }, TIMEOUT);
                streamed = Math.min(streamed, System.nanoTime() - started);
                assertThat(result.exitStatus()).isZero();
            }
            if (producer.startsWith("cat")) {
                assertThat(counts[0]).isEqualTo(fileLines);
            }
            System.out.printf("[local-executor] '%s' (%d lines, %.1f MB), best of 5: to /dev/null %.0f ms, through a pipe to 'cat >/dev/null' %.0f ms, "
                            + "streamed to a sink %.0f ms; ratio to /dev/null %.2f, to the pipe %.2f%n",
                    producer, counts[0], counts[1] / 1e6, devNull / 1e6, throughPipe / 1e6, streamed / 1e6, (double) streamed / devNull,
                    (double) streamed / throughPipe);
        }
    }
}
