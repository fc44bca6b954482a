package dev.slipway.server.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import dev.slipway.api.executor.Executor;
import dev.slipway.server.build.testing.LocalExecutors;

/** Runs {@code slipway run} through its command line, on the real local executor in this JVM, and keeps what it printed. */
abstract class RunCommandTestBase
{
    private static Path executorData;
    static Executor executor;

    @TempDir
    Path directory;

    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeAll
    static void createExecutor()
            throws IOException
    {
        executorData = Files.createTempDirectory("slipway-run-executor-");
        executor = LocalExecutors.create(executorData);
    }

    @AfterAll
    static void closeExecutor()
    {
        executor.close();
    }

    /** Runs {@code slipway run} with these arguments; the executor is the shared one, never closed by a run. */
    int run(String... arguments)
    {
        return run(() -> loaded(executor), arguments);
    }

    int run(ExecutorLoader loader, String... arguments)
    {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        CommandLine command = new CommandLine(new RunCommand(loader, out, err));
        command.setErr(new java.io.PrintWriter(err, true));
        command.setOut(new java.io.PrintWriter(out, true));
        return command.execute(arguments);
    }

    static ExecutorLoader.LoadedExecutor loaded(Executor executor)
    {
        return new ExecutorLoader.LoadedExecutor()
        {
            @Override
            public Executor executor()
            {
                return executor;
            }

            @Override
            public void close() {}
        };
    }

    String out()
    {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    String err()
    {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    Path source(String buildspec)
            throws IOException
    {
        Path source = Files.createDirectories(directory.resolve("my-app"));
        Files.writeString(source.resolve("buildspec.yml"), buildspec);
        return source;
    }


    static List<String> zipEntries(Path zip)
            throws IOException
    {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
