package dev.slipway.distribution;

import static java.util.Objects.requireNonNull;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The release tarball unpacked into a directory of the test's, as a user would unpack it, with helpers to run
 * {@code bin/slipway} in it as a child process. The tarball comes from the build ({@code -Dslipway.distribution.tarball},
 * set by the POM).
 */
final class Installation
{
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Path home;

    private Installation(Path home)
    {
        this.home = requireNonNull(home, "home is null");
    }

    /** Unpacks the tarball into {@code directory} with the system's {@code tar}. */
    static Installation unpack(Path directory)
    {
        Path tarball = Path.of(System.getProperty("slipway.distribution.tarball", "target/slipway-unknown.tar.gz"));
        String version = System.getProperty("slipway.distribution.version", "unknown");
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("No release tarball at " + tarball + "; run the distribution's tests through Maven (mvn verify)");
        }
        Result tar = run(new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", directory.toString()), directory.resolve("tar.log"));
        if (tar.exitCode() != 0) {
            throw new IllegalStateException("tar -xzf " + tarball + " failed: " + tar.output());
        }
        return new Installation(directory.resolve("slipway-" + version));
    }

    Path home()
    {
        return home;
    }

    /** A {@code bin/slipway} command with no {@code SLIPWAY_*} variables of the test's own environment. */
    ProcessBuilder command(Map<String, String> environment, String... arguments)
    {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/slipway").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.getParent().toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SLIPWAY_"));
        builder.environment().putAll(environment);
        return builder;
    }

    /** Runs a command to its end (at most a minute) and returns its exit code and output (stdout and stderr). */
    static Result run(ProcessBuilder builder, Path output)
    {
        try {
            Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(builder.command() + " did not end within a minute:\n" + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + builder.command(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param exitCode the process's exit code @param output what it printed */
    record Result(int exitCode, String output)
    {
        List<String> lines()
        {
            return output.lines().toList();
        }
    }

    /** A started {@code bin/slipway server}; {@link #close()} kills it if it still runs. */
    static final class Server
            implements AutoCloseable
    {
        private final Process process;
        private final Path output;
        private final URI base;
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Server(ProcessBuilder builder, Path output, int port)
        {
            this.output = requireNonNull(output, "output is null");
            this.base = URI.create("http://127.0.0.1:" + port + "/");
            try {
                this.process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot start " + builder.command(), e);
            }
        }

        Process process()
        {
            return process;
        }

        /** Waits until {@code /api/v1/health} answers 200. */
        void awaitHealthy()
        {
            await("bin/slipway server answers /api/v1/health").atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).ignoreExceptionsInstanceOf(UncheckedIOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("bin/slipway server exited with " + process.exitValue() + ":\n" + output());
                        }
                        return get("api/v1/health").statusCode() == 200;
                    });
        }

        HttpResponse<String> get(String path)
        {
            try {
                return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
            catch (IOException e) {
                throw new UncheckedIOException("GET " + path + " failed", e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** POSTs a JSON body. */
        HttpResponse<String> post(String path, String json)
        {
            try {
                return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
            catch (IOException e) {
                throw new UncheckedIOException("POST " + path + " failed", e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Sends SIGTERM and waits (at most a minute) for the exit code. */
        int terminate()
        {
            process.destroy();
            try {
                if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                    throw new AssertionError("bin/slipway server did not exit within a minute of SIGTERM:\n" + output());
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return process.exitValue();
        }

        String output()
        {
            try {
                return Files.readString(output, StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close()
        {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
