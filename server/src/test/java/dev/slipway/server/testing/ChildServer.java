package dev.slipway.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code slipway} ({@code dev.slipway.server.bootstrap.Main}) in a child JVM with the test's class path, for what only a
 * real process shows: exit codes, stderr, signals. Output (stdout and stderr together) goes to a file next to the home,
 * deleted by {@link #close()}.
 *
 * <pre>{@code
 * try (ChildServer child = ChildServer.start(home, Map.of(), "server")) {
 *     URI uri = child.awaitListening();
 *     child.process().destroy();                 // SIGTERM
 *     assertThat(child.awaitExit()).isZero();
 * }
 * }</pre>
 */
public final class ChildServer
        implements AutoCloseable
{
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/)");

    private final Process process;
    private final Path output;

    private ChildServer(Process process, Path output)
    {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code java -cp <test class path> dev.slipway.server.bootstrap.Main <arguments>} with {@code SLIPWAY_HOME}
     * set to {@code home} and the given extra environment.
     */
    public static ChildServer start(Path home, Map<String, String> environment, String... arguments)
    {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.slipway.server.bootstrap.Main");
        command.addAll(List.of(arguments));
        try {
            Files.createDirectories(home);
            Path output = Files.createTempFile(home.getParent(), home.getFileName() + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("SLIPWAY_"));
            builder.environment().put("SLIPWAY_HOME", home.toString());
            builder.environment().putAll(environment);
            return new ChildServer(builder.start(), output);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    public Process process()
    {
        return process;
    }

    /** @return everything the process printed so far */
    public String output()
    {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the lines the process printed so far */
    public List<String> lines()
    {
        return output().lines().toList();
    }

    /** Waits until the server logs that it listens, and returns its base URI. */
    public URI awaitListening()
    {
        await("the child server listens").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("The child server exited with " + process.exitValue() + ":\n" + output());
            }
            return LISTENING.matcher(output()).find();
        });
        Matcher matcher = LISTENING.matcher(output());
        matcher.find();
        return URI.create(matcher.group(1));
    }

    /** Waits for the process to end (at most a minute) and returns its exit code. */
    public int awaitExit()
    {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("The child did not exit within 60s:\n" + output());
            }
            return process.exitValue();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the process if it still runs, and deletes its output. */
    @Override
    public void close()
    {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(output);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
