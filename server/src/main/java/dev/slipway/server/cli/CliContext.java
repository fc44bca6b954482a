package dev.slipway.server.cli;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a client command reads and writes besides its arguments: the environment ({@code SLIPWAY_SERVER},
 * {@code SLIPWAY_TOKEN}, {@code NO_COLOR}), standard input and output, whether the output is a terminal, the clock
 * that relative times are measured against, and the HTTP client. {@link #system()} is the real one; tests build their
 * own, so that a command runs in the test's JVM with its output captured.
 *
 * @param out where results go (tables, JSON, log lines); buffered, flushed by the command when it ends
 * @param err where errors and hints go
 * @param terminal whether {@code out} is a terminal a person reads (colours only then)
 * @param workingDirectory what relative file names ({@code -f FILE}) resolve against
 * @param reconnectFor how long {@code logs --follow} keeps trying to reconnect after its stream broke, before it gives up
 *        with the unreachable exit code
 * @param idleTimeout how long a live stream may stay silent (the server sends a heartbeat every 15 s by default) before
 *        it is taken for dead and reconnected
 */
record CliContext(
        Map<String, String> environment,
        InputStream in,
        PrintStream out,
        PrintStream err,
        boolean terminal,
        Path workingDirectory,
        Clock clock,
        Supplier<HttpClient> httpClient,
        Duration reconnectFor,
        Duration idleTimeout)
{
    static final Duration RECONNECT_FOR = Duration.ofSeconds(60);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(45);

    CliContext
    {
        environment = Map.copyOf(environment);
        requireNonNull(in, "in is null");
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(workingDirectory, "workingDirectory is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(httpClient, "httpClient is null");
        requireNonNull(reconnectFor, "reconnectFor is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
    }

    /** The process's own: its environment, standard streams (UTF-8, whatever the locale), terminal and clock. */
    static CliContext system()
    {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return new CliContext(System.getenv(), System.in, out, err, isTerminal(System.console()), Path.of("").toAbsolutePath(), Clock.systemUTC(),
                memoized(CliContext::newHttpClient), RECONNECT_FOR, IDLE_TIMEOUT);
    }

    /** The HTTP client every command of this process uses: HTTP/1.1 (the server speaks nothing else), 10 s to connect. */
    static HttpClient newHttpClient()
    {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** @return the value once it has been asked for, created on the first call */
    static <T> Supplier<T> memoized(Supplier<T> supplier)
    {
        requireNonNull(supplier, "supplier is null");
        return new Supplier<>()
        {
            private T value;

            @Override
            public synchronized T get()
            {
                if (value == null) {
                    value = requireNonNull(supplier.get(), "the supplier returned null");
                }
                return value;
            }
        };
    }

    /**
     * Up to Java 21 a console exists only when both standard input and output are terminals; Java 22 may return one
     * for redirected streams too and says so with {@code isTerminal()}, which Java 17 does not have.
     */
    static boolean isTerminal(Console console)
    {
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        }
        catch (NoSuchMethodException e) {
            return true;
        }
        catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** @return the variable's value, if it is set and not blank */
    Optional<String> variable(String name)
    {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }
}
