package dev.slipway.server.build.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

import dev.slipway.api.executor.BuildContext;
import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.CommandResult;
import dev.slipway.api.executor.EnvironmentRequest;
import dev.slipway.api.executor.Executor;
import dev.slipway.api.executor.LogSink;
import dev.slipway.api.executor.ShellOptions;
import dev.slipway.api.executor.ShellSession;
import dev.slipway.api.executor.Toolchain;

/**
 * A hand-written fake executor for engine tests: it records every shell opened and every command run, and answers
 * commands from a script of rules (exit status, output lines, blocking until interrupted, timing out). It is not a
 * shell emulator: commands the engine writes itself get fixed answers (exports succeed, here-document expansions
 * echo their text or a scripted value).
 */
final class ScriptedExecutor
        implements Executor
{
    /** One command a session ran. */
    record Run(int session, String command, ShellOptions options) {}

    @FunctionalInterface
    interface Responder
    {
        CommandResult respond(String command, LogSink output, Duration timeout)
                throws IOException, InterruptedException;
    }

    private record Rule(Predicate<String> matches, Responder responder) {}

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    final List<Run> runs = new CopyOnWriteArrayList<>();
    final List<ShellOptions> opened = new CopyOnWriteArrayList<>();
    final List<Integer> closedSessions = new CopyOnWriteArrayList<>();
    final List<String> uploads = new CopyOnWriteArrayList<>();
    final CountDownLatch commandStarted = new CountDownLatch(1);
    private final List<Toolchain> toolchains = new ArrayList<>();
    private final java.util.Map<String, String> expansions = new java.util.concurrent.ConcurrentHashMap<>();
    private IOException provisionFailure;
    private boolean sharesDisk = true;
    volatile boolean environmentClosed;
    volatile EnvironmentRequest request;

    /** Commands equal to {@code command} exit with {@code status} after printing {@code output}. */
    ScriptedExecutor exit(String command, int status, String... output)
    {
        return when(command::equals, (text, sink, timeout) -> {
            for (String line : output) {
                sink.line(line);
            }
            return CommandResult.exited(status, Duration.ofMillis(1));
        });
    }

    /** Commands equal to {@code command} block until the build thread is interrupted. */
    ScriptedExecutor blocks(String command)
    {
        return when(command::equals, (text, sink, timeout) -> {
            commandStarted.countDown();
            new CountDownLatch(1).await();
            throw new IllegalStateException("unreachable");
        });
    }

    /** Commands equal to {@code command} run out of their time, as a shell would report it. */
    ScriptedExecutor timesOut(String command)
    {
        return when(command::equals, (text, sink, timeout) -> CommandResult.timedOut(timeout));
    }

    ScriptedExecutor when(Predicate<String> matches, Responder responder)
    {
        rules.add(0, new Rule(matches, responder));
        return this;
    }

    /** The engine's shell expansion of {@code text} ({@code artifacts.name}, {@code cache.key}) prints {@code value}. */
    ScriptedExecutor expands(String text, String value)
    {
        expansions.put(text, value);
        return this;
    }

    ScriptedExecutor toolchain(Toolchain toolchain)
    {
        toolchains.add(toolchain);
        return this;
    }

    ScriptedExecutor failProvisioning(IOException failure)
    {
        this.provisionFailure = failure;
        return this;
    }

    /** The environment does not share the server's disk: the engine must upload and download. */
    ScriptedExecutor remote()
    {
        this.sharesDisk = false;
        return this;
    }

    /** @return the build's commands, without the engine's own (exports, expansions, variable capture) */
    List<String> commands()
    {
        List<String> commands = new ArrayList<>();
        for (Run run : runs) {
            if (!isEngineCommand(run.command())) {
                commands.add(run.command());
            }
        }
        return commands;
    }

    List<String> allCommands()
    {
        return runs.stream().map(Run::command).toList();
    }

    static boolean isEngineCommand(String command)
    {
        return command.startsWith("export ") || command.startsWith("cat <<SLIPWAY_EXPAND_") || command.startsWith("if [ -n \"${");
    }

    @Override
    public BuildEnvironment provision(EnvironmentRequest request, BuildContext context)
            throws IOException
    {
        this.request = request;
        context.log().line("Provisioning scripted environment");
        if (provisionFailure != null) {
            throw provisionFailure;
        }
        return new Environment(request.workspace());
    }

    private final class Environment
            implements BuildEnvironment
    {
        private final Path workspace;

        Environment(Path workspace)
        {
            this.workspace = workspace;
        }

        @Override
        public String workspacePath()
        {
            return workspace.toString();
        }

        @Override
        public Optional<Path> hostPath(String environmentPath)
        {
            return sharesDisk ? Optional.of(Path.of(environmentPath)) : Optional.empty();
        }

        @Override
        public ShellSession openShell(ShellOptions options)
        {
            opened.add(options);
            return new Session(opened.size(), options);
        }

        @Override
        public List<Toolchain> toolchains()
        {
            return Collections.unmodifiableList(toolchains);
        }

        @Override
        public void upload(Path source, String targetPath)
                throws IOException
        {
            // The fake's "remote" disk is the workspace itself: uploads are only recorded.
            uploads.add(source + " -> " + targetPath);
        }

        @Override
        public void download(String sourcePath, Path target)
                throws IOException
        {
            copyTree(Path.of(sourcePath), target);
        }

        @Override
        public void close()
        {
            environmentClosed = true;
        }
    }

    private static void copyTree(Path source, Path target)
            throws IOException
    {
        try (var tree = Files.walk(source)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                }
                else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(path, destination, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private final class Session
            implements ShellSession
    {
        private final int id;
        private final ShellOptions options;

        Session(int id, ShellOptions options)
        {
            this.id = id;
            this.options = options;
        }

        @Override
        public CommandResult run(String command, LogSink output, Duration timeout)
                throws IOException, InterruptedException
        {
            runs.add(new Run(id, command, options));
            for (Rule rule : rules) {
                if (rule.matches().test(command)) {
                    return rule.responder().respond(command, output, timeout);
                }
            }
            if (command.startsWith("cat <<SLIPWAY_EXPAND_")) {
                String[] lines = command.split("\n");
                String text = lines[1];
                String marker = lines[0].substring("cat <<SLIPWAY_EXPAND_".length());
                output.line(expansions.getOrDefault(text, text));
                output.line(marker);
            }
            return CommandResult.exited(0, Duration.ofMillis(1));
        }

        @Override
        public void close()
        {
            closedSessions.add(id);
        }
    }
}
