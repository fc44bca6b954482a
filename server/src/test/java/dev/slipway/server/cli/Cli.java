package dev.slipway.server.cli;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine;

/**
 * Runs {@code slipway projects …} and {@code slipway builds …} in the test's JVM, as the process would, but with the
 * environment, standard input, terminal and clock the test gives, and the output captured.
 *
 * <pre>{@code
 * Cli.Result result = Cli.against(server.server().uri()).run("projects", "get", "web");
 * assertThat(result.exitCode()).isZero();
 * }</pre>
 */
final class Cli
{
    /** One HTTP client for every command of the tests, as a process has one. */
    private static final HttpClient HTTP = CliContext.newHttpClient();

    private final Map<String, String> environment = new HashMap<>();
    private boolean terminal;
    private Clock clock = Clock.systemUTC();
    private String stdin = "";
    private Path workingDirectory = Path.of("").toAbsolutePath();
    private Duration reconnectFor = CliContext.RECONNECT_FOR;
    private Duration idleTimeout = CliContext.IDLE_TIMEOUT;

    private Cli() {}

    /** @return commands against the server, named as SLIPWAY_SERVER would name it */
    static Cli against(URI server)
    {
        return new Cli().variable(ClientOptions.SERVER_VARIABLE, server.toString());
    }

    /** @return commands with no SLIPWAY_SERVER: the default server */
    static Cli withoutServer()
    {
        return new Cli();
    }

    Cli variable(String name, String value)
    {
        environment.put(name, value);
        return this;
    }

    /** Output to a terminal: colours unless switched off. */
    Cli terminal()
    {
        terminal = true;
        return this;
    }

    Cli clock(Clock value)
    {
        clock = requireNonNull(value, "value is null");
        return this;
    }

    Cli stdin(String text)
    {
        stdin = requireNonNull(text, "text is null");
        return this;
    }

    /** Relative file names resolve against the directory. */
    Cli in(Path directory)
    {
        workingDirectory = directory.toAbsolutePath();
        return this;
    }

    Cli reconnectFor(Duration value)
    {
        reconnectFor = value;
        return this;
    }

    Cli idleTimeout(Duration value)
    {
        idleTimeout = value;
        return this;
    }

    /** Runs the command to its end. */
    Result run(String... arguments)
    {
        return start(arguments).await();
    }

    /** Starts the command in a thread of its own, for commands that wait (--follow); its output can be read meanwhile. */
    Running start(String... arguments)
    {
        if (arguments.length == 0) {
            throw new IllegalArgumentException("Name the command group: projects or builds");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(environment, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), terminal, workingDirectory, clock,
                () -> HTTP, reconnectFor, idleTimeout);
        Object group = switch (arguments[0]) {
            case "projects" -> new ProjectsCommand(context);
            case "builds" -> new BuildsCommand(context);
            default -> throw new IllegalArgumentException("Not a client command group: " + arguments[0]);
        };
        CommandLine commandLine = new CommandLine(group);
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        String[] rest = Arrays.copyOfRange(arguments, 1, arguments.length);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                exit.complete(commandLine.execute(rest));
            }
            catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "slipway-cli-test");
        thread.setDaemon(true);
        thread.start();
        return new Running(exit, out, err, String.join(" ", arguments));
    }

    /** A command that runs. */
    static final class Running
    {
        private final CompletableFuture<Integer> exit;
        private final ByteArrayOutputStream out;
        private final ByteArrayOutputStream err;
        private final String command;

        private Running(CompletableFuture<Integer> exit, ByteArrayOutputStream out, ByteArrayOutputStream err, String command)
        {
            this.exit = exit;
            this.out = out;
            this.err = err;
            this.command = command;
        }

        /** @return what it printed so far on standard output */
        String out()
        {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err()
        {
            return err.toString(StandardCharsets.UTF_8);
        }

        boolean isDone()
        {
            return exit.isDone();
        }

        /** Waits at most a minute for the command to end. */
        Result await()
        {
            try {
                int code = exit.get(60, TimeUnit.SECONDS);
                return new Result(code, out(), err());
            }
            catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("'" + command + "' did not end within 60 s; out:\n" + out() + "\nerr:\n" + err(), e);
            }
            catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError("'" + command + "' threw", e.getCause());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * How a command ended.
     *
     * @param exitCode its exit code
     * @param out standard output
     * @param err standard error (also picocli's usage messages)
     */
    record Result(int exitCode, String out, String err)
    {
        @Override
        public String toString()
        {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }
}
