package dev.slipway.server.run;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.slipway.server.build.batch.BatchJob;
import dev.slipway.server.build.batch.BatchListener;
import dev.slipway.server.build.batch.BatchPhaseType;
import dev.slipway.server.build.batch.BatchResult;
import dev.slipway.server.build.batch.BatchRunner;
import dev.slipway.server.build.engine.BuildControl;
import dev.slipway.server.build.engine.BuildEngine;
import dev.slipway.server.build.engine.BuildEngineSettings;
import dev.slipway.server.build.engine.BuildJob;
import dev.slipway.server.build.engine.BuildListener;
import dev.slipway.server.build.engine.BuildResult;
import dev.slipway.server.build.engine.BuildStatus;
import dev.slipway.server.build.engine.BuildspecParsing;
import dev.slipway.server.buildspec.BuildspecParser;

/**
 * {@code slipway run} of a buildspec with a {@code batch} section: the same {@link BatchRunner} as the server, with
 * up to {@code --parallel} children at once on the local executor, each child's output prefixed with its identifier,
 * then a summary line per child and the batch's status. Ctrl-C stops the batch and its running children.
 */
final class LocalBatch
{
    private static final long SHUTDOWN_WAIT_SECONDS = 30;

    private final PrintStream out;
    private final boolean color;
    private final BuildspecParser parser;

    LocalBatch(PrintStream out, boolean color, BuildspecParser parser)
    {
        this.out = requireNonNull(out, "out is null");
        this.color = color;
        this.parser = requireNonNull(parser, "parser is null");
    }

    /**
     * @param parent every child's template: its source, buildspec, executor, artifacts and variables
     * @param workspaces where each child gets a workspace of its own
     * @return the exit status ({@link RunExitCodes})
     */
    int run(BuildJob parent, int parallel, Path workspaces)
    {
        BuildControl control = new BuildControl();
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopOnShutdown = new Thread(() -> {
            control.stop("Stopped: slipway run was interrupted (Ctrl-C or SIGTERM)");
            try {
                finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "slipway-run-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnShutdown);
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "slipway-run-child-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        List<ConsoleListener> consoles = new ArrayList<>();
        AtomicInteger numbers = new AtomicInteger();
        ConsoleListener style = new ConsoleListener(out, color);
        try (BuildEngine engine = new BuildEngine(BuildEngineSettings.DEFAULT, BuildspecParsing.of(parser))) {
            BatchJob job = new BatchJob(parent.buildId(), parent, parallel, identifier -> {
                String uuid = UUID.randomUUID().toString();
                return new BatchJob.Slot(parent.projectName() + ":" + uuid, numbers.incrementAndGet(),
                        Files.createDirectories(workspaces.resolve(identifier.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + uuid)));
            });
            BatchResult result = new BatchRunner(engine, BuildspecParsing.of(parser), threads, Clock.systemUTC()).run(job, new BatchListener()
            {
                @Override
                public void phaseChanged(BatchPhaseType phase)
                {
                    style.println("[batch] " + phase);
                }

                @Override
                public BuildListener child(String identifier, String buildId)
                {
                    ConsoleListener console = new ConsoleListener(new PrintStream(new Prefixed(out, "[" + identifier + "] "), false,
                            StandardCharsets.UTF_8), color);
                    synchronized (consoles) {
                        consoles.add(console);
                    }
                    return console;
                }

                @Override
                public void message(String message)
                {
                    style.println("[batch] " + message);
                }
            }, control);
            synchronized (consoles) {
                consoles.forEach(ConsoleListener::close);
            }
            summary(result, style).forEach(style::println);
            return switch (result.status()) {
                case SUCCEEDED -> RunExitCodes.SUCCEEDED;
                case STOPPED -> RunExitCodes.STOPPED;
                default -> RunExitCodes.FAILED;
            };
        }
        finally {
            style.close();
            threads.shutdownNow();
            out.flush();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnShutdown);
            }
            catch (IllegalStateException e) {
                // The JVM is shutting down: the hook is running and returns now that the batch is over.
            }
        }
    }

    /** One line per child (identifier, status, duration, build id or why it did not run), then the batch's status. */
    static List<String> summary(BatchResult result, ConsoleListener style)
    {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(style.style(ConsoleListener.bold(), String.format(Locale.ROOT, "%-24s %-10s %10s  %s", "BUILD", "STATUS", "DURATION", "ID")));
        for (BatchResult.Child child : result.children()) {
            String name = child.identifier() + (child.ignoreFailure() ? " (ignore-failure)" : "");
            if (child.build().isPresent()) {
                BuildResult build = child.build().get();
                lines.add(String.format(Locale.ROOT, "%-24s %s %10s  %s", name, style.style(ConsoleListener.statusColour(build.status()),
                        pad(build.status().name())), ConsoleListener.seconds(build.duration()), build.buildId()));
            }
            else {
                lines.add(String.format(Locale.ROOT, "%-24s %s %10s  not run: %s", name, pad("NOT_RUN"), "-", child.notRunReason().orElse("")));
            }
        }
        result.combinedArtifact().ifPresent(artifact -> lines.add("Combined artifact: " + artifact.location()));
        BuildStatus colour = switch (result.status()) {
            case SUCCEEDED -> BuildStatus.SUCCEEDED;
            case STOPPED -> BuildStatus.STOPPED;
            default -> BuildStatus.FAILED;
        };
        lines.add("");
        lines.add("Batch " + style.style(ConsoleListener.statusColour(colour), result.status().name()));
        return lines;
    }

    private static String pad(String text)
    {
        return String.format(Locale.ROOT, "%-10s", text);
    }

    /** Writes whole lines to {@code target}, each behind a prefix, so that children running at once do not mix their lines. */
    private static final class Prefixed
            extends OutputStream
    {
        private final PrintStream target;
        private final byte[] prefix;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Prefixed(PrintStream target, String prefix)
        {
            this.target = target;
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public synchronized void write(int b)
        {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length)
        {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public synchronized void flush()
        {
            target.flush();
        }

        @Override
        public synchronized void close()
        {
            if (line.size() > 0) {
                line.write('\n');
                emit();
            }
            target.flush();
        }

        private void emit()
        {
            synchronized (target) {
                target.write(prefix, 0, prefix.length);
                target.write(line.toByteArray(), 0, line.size());
            }
            line.reset();
        }
    }
}
