package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.slipway.api.SlipwayException;
import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.CommandResult;
import dev.slipway.api.executor.EnvironmentRequest;
import dev.slipway.api.executor.Executor;
import dev.slipway.api.executor.ExecutorFactory;
import dev.slipway.api.executor.ShellOptions;
import dev.slipway.api.executor.ShellSession;

/**
 * The contract every {@link Executor} keeps (a TCK, in the manner of Trino's {@code BaseConnectorTest}). An executor's
 * test extends this class and names its factory and a working configuration; every {@link ExecutorBehavior} is
 * assumed unless the subclass says otherwise.
 *
 * <pre>{@code
 * final class LocalExecutorContractTest extends ExecutorContractTest {
 *     @Override protected ExecutorFactory factory() { return new LocalExecutorFactory(); }
 *     @Override protected boolean hasBehavior(ExecutorBehavior behavior) {
 *         return switch (behavior) {
 *             case RUN_AS -> isRoot();
 *             default -> super.hasBehavior(behavior);
 *         };
 *     }
 * }
 * }</pre>
 *
 * <p>What it checks, besides the factory hygiene of {@link ExtensionFactoryContractTest}: provisioning with a workspace
 * (also after a failed provision); a command's output arrives line by line (stdout and stderr, a last line without
 * newline, ANSI escapes, unicode, a 1 MiB line); a non-zero exit is a result; state (working directory, variables,
 * functions, {@code set -o} options) carries across the commands of a session; variables of {@link ShellOptions} are
 * literal; the working directory is honoured; {@code exit 3} gives status 3 and a fresh shell for the next command; a
 * command that reads standard input does not swallow later commands; a timeout gives {@link CommandResult#timedOut()}
 * and leaves no process behind (also not a background child); interrupting the calling thread throws
 * {@link InterruptedException} promptly and leaves no process behind; closing a session kills its background
 * processes; {@code close()} is idempotent; {@code upload} and {@code download} copy trees (executable bit kept);
 * {@code hostPath} when offered; {@code run-as} or a clear refusal; {@code capacity() >= 1}.
 *
 * <p>Commands use only what POSIX shells and the {@link ScriptedExecutor} both understand, unless the test needs
 * {@link ExecutorBehavior#POSIX_SHELL}.
 *
 * @since 0.1
 */
public abstract class ExecutorContractTest
        extends ExtensionFactoryContractTest<Executor>
{
    /** How long an ordinary command may take. @since 0.1 */
    protected static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /** How long the contract waits for processes to be gone after a timeout, interrupt or close. @since 0.1 */
    protected static final Duration CLEANUP_DEADLINE = Duration.ofSeconds(15);
    /** How promptly {@code run} must throw after the calling thread is interrupted. @since 0.1 */
    protected static final Duration INTERRUPT_DEADLINE = Duration.ofSeconds(5);

    // Prints "alive <file> <pid>" for each pid file whose process still runs (zombies count as gone: on a machine
    // whose init does not reap, a killed orphan stays a zombie), then "checked".
    private static final String REPORT_LIVE_PIDS = """
            for f in %s; do
              pid=$(cat "$f")
              state=$(sed -n 's/^State:[[:space:]]*\\([A-Za-z]\\).*/\\1/p' "/proc/$pid/status" 2>/dev/null)
              if [ -n "$state" ] && [ "$state" != Z ]; then echo "alive $f $pid"; fi
            done
            echo checked""";

    private final List<AutoCloseable> resources = Collections.synchronizedList(new ArrayList<>());
    private Executor executor;
    private Path workspace;

    @Override
    protected abstract ExecutorFactory factory();

    /**
     * Whether the executor offers {@code behavior}. Every behaviour is assumed; override to say what the executor
     * cannot do (use {@code default -> super.hasBehavior(behavior)}, never an exhaustive switch).
     *
     * @since 0.1
     */
    protected boolean hasBehavior(ExecutorBehavior behavior)
    {
        return true;
    }

    /** @return the user the run-as test switches to; {@code nobody} by default @since 0.1 */
    protected String runAsUser()
    {
        return "nobody";
    }

    /**
     * A request that {@code provision} must refuse with an {@link IOException}; by default one whose workspace does not
     * exist. Override for executors that fail differently (an unknown image, for example).
     *
     * @since 0.1
     */
    protected EnvironmentRequest failingRequest(Path missingWorkspace)
    {
        return TestingEnvironmentRequest.of(missingWorkspace);
    }

    /** @return the executor under test, created from {@link #validConfig()} on first use @since 0.1 */
    protected final Executor executor()
    {
        if (executor == null) {
            executor = createInstance(validConfig());
        }
        return executor;
    }

    /** @return this test's workspace on the server's disk (created on first use) @since 0.1 */
    protected final Path workspace()
            throws IOException
    {
        if (workspace == null) {
            workspace = Files.createDirectories(temporaryDirectory().resolve("workspace"));
        }
        return workspace;
    }

    /** Provisions an environment for {@link #workspace()}; it is closed after the test. @since 0.1 */
    protected final BuildEnvironment provision()
            throws IOException, InterruptedException
    {
        return track(executor().provision(TestingEnvironmentRequest.of(workspace()), TestingBuildContext.create()));
    }

    /** Opens a shell in {@code environment}'s workspace; it is closed after the test. @since 0.1 */
    protected final ShellSession openShell(BuildEnvironment environment)
            throws IOException, InterruptedException
    {
        return openShell(environment, ShellOptions.builder(environment.workspacePath()).build());
    }

    /** Opens a shell; it is closed after the test. @since 0.1 */
    protected final ShellSession openShell(BuildEnvironment environment, ShellOptions options)
            throws IOException, InterruptedException
    {
        return track(environment.openShell(options));
    }

    /** A command's result with the lines it printed. @since 0.1 */
    protected record Output(CommandResult result, List<String> lines)
    {
        /** @return the exit status @since 0.1 */
        public int status()
        {
            return result.exitStatus();
        }
    }

    /** Runs {@code command} with {@link #COMMAND_TIMEOUT}. @since 0.1 */
    protected static Output run(ShellSession session, String command)
            throws IOException, InterruptedException
    {
        RecordingLogSink sink = new RecordingLogSink();
        CommandResult result = session.run(command, sink, COMMAND_TIMEOUT);
        return new Output(result, sink.lines());
    }

    @AfterEach
    final void closeExecutorContractResources()
    {
        List<AutoCloseable> toClose;
        synchronized (resources) {
            toClose = new ArrayList<>(resources);
            resources.clear();
        }
        Collections.reverse(toClose);
        for (AutoCloseable resource : toClose) {
            try {
                resource.close();
            }
            catch (Exception e) {
                throw new AssertionError("close() must never throw: " + resource, e);
            }
        }
    }

    @Test
    void capacityIsAtLeastOne()
    {
        assertThat(executor().capacity()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void provisionedEnvironmentSeesTheWorkspace()
            throws Exception
    {
        Files.writeString(workspace().resolve("source.txt"), "from the source\n");
        BuildEnvironment environment = provision();

        assertThat(environment.workspacePath()).isNotBlank();
        Output output = run(openShell(environment), "cat source.txt");

        assertThat(output.status()).isZero();
        assertThat(output.lines()).containsExactly("from the source");
    }

    @Test
    void echoDeliversTheLine()
            throws Exception
    {
        Output output = run(openShell(provision()), "echo hi");

        assertThat(output.result().succeeded()).isTrue();
        assertThat(output.result().timedOut()).isFalse();
        assertThat(output.lines()).containsExactly("hi");
    }

    @Test
    void nonZeroExitIsAResultNotAnException()
            throws Exception
    {
        ShellSession shell = openShell(provision());
        run(shell, "KEPT=yes");

        Output failed = run(shell, "false");
        Output after = run(shell, "echo \"$KEPT\"");

        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.result().succeeded()).isFalse();
        assertThat(failed.result().timedOut()).isFalse();
        assertThat(after.lines()).as("the session survives a failed command").containsExactly("yes");
    }

    @Test
    void statusIsThatOfTheLastStatement()
            throws Exception
    {
        ShellSession shell = openShell(provision());

        Output failedThenSucceeded = run(shell, "false\necho ok");
        Output succeededThenFailed = run(shell, "echo one\nfalse");

        assertThat(failedThenSucceeded.status()).as("no set -e is implied").isZero();
        assertThat(failedThenSucceeded.lines()).containsExactly("ok");
        assertThat(succeededThenFailed.status()).isEqualTo(1);
        assertThat(succeededThenFailed.lines()).containsExactly("one");
    }

    @Test
    void workingDirectoryAndVariablesCarryAcrossCommands()
            throws Exception
    {
        ShellSession shell = openShell(provision());

        run(shell, "mkdir -p sub/dir");
        run(shell, "cd sub/dir");
        run(shell, "UNEXPORTED='plain value'");
        run(shell, "export EXPORTED=shared");
        Output output = run(shell, "pwd\necho \"$UNEXPORTED\"\necho \"$EXPORTED\"");

        assertThat(output.lines()).hasSize(3);
        assertThat(output.lines().get(0)).endsWith("/sub/dir");
        assertThat(output.lines().subList(1, 3)).containsExactly("plain value", "shared");
    }

    @Test
    void functionsAndShellOptionsCarryAcrossCommands()
            throws Exception
    {
        assumeTrue(hasBehavior(ExecutorBehavior.POSIX_SHELL), "the executor offers no POSIX shell");
        ShellSession shell = openShell(provision());

        run(shell, "greet() { echo \"hello $1\"; }");
        run(shell, "set -o noclobber");
        run(shell, "echo first > clobber.txt");
        Output function = run(shell, "greet you");
        Output clobber = run(shell, "echo second > clobber.txt");
        Output content = run(shell, "cat clobber.txt");

        assertThat(function.lines()).containsExactly("hello you");
        assertThat(clobber.status()).as("noclobber refuses to overwrite").isNotZero();
        assertThat(content.lines()).containsExactly("first");
    }

    @Test
    void standardOutputAndStandardErrorBothArrive()
            throws Exception
    {
        Output output = run(openShell(provision()), "echo to-stdout\necho to-stderr >&2");

        assertThat(output.lines()).containsExactlyInAnyOrder("to-stdout", "to-stderr");
    }

    @Test
    void outputWithoutTrailingNewlineIsDeliveredAsALine()
            throws Exception
    {
        ShellSession shell = openShell(provision());

        Output partial = run(shell, "printf 'no newline'");
        Output next = run(shell, "echo next");

        assertThat(partial.lines()).containsExactly("no newline");
        assertThat(next.lines()).as("the partial line does not leak into the next command").containsExactly("next");
    }

    @Test
    void ansiEscapesAndUnicodePassThrough()
            throws Exception
    {
        Output output = run(openShell(provision()), "printf '\\033[1;31mred\\033[0m\\n'\nprintf 'grüße 日本 😀\\n'");

        assertThat(output.lines()).containsExactly("\u001b[1;31mred\u001b[0m", "grüße 日本 😀");
    }

    @Test
    void crLfLineEndingsAreRemoved()
            throws Exception
    {
        Output output = run(openShell(provision()), "printf 'windows\\r\\nline\\r\\n'");

        assertThat(output.lines()).containsExactly("windows", "line");
    }

    @Test
    void aOneMegabyteLineArrivesIntact()
            throws Exception
    {
        String line = "x".repeat(1024 * 1024 - 10) + "0123456789";
        Path file = temporaryDirectory().resolve("long-line.txt");
        Files.writeString(file, line + "\n");
        BuildEnvironment environment = provision();
        environment.upload(file, environment.workspacePath() + "/long-line.txt");

        Output output = run(openShell(environment), "cat long-line.txt\necho after");

        assertThat(output.lines()).hasSize(2);
        assertThat(output.lines().get(0)).hasSize(line.length()).isEqualTo(line);
        assertThat(output.lines().get(1)).isEqualTo("after");
    }

    @Test
    void manyCommandsInASessionEachGetTheirOwnOutput()
            throws Exception
    {
        ShellSession shell = openShell(provision());
        for (int i = 0; i < 200; i++) {
            Output output = run(shell, "echo line-" + i);
            assertThat(output.lines()).as("command %s", i).containsExactly("line-" + i);
            assertThat(output.status()).isZero();
        }
    }

    @Test
    void variablesFromShellOptionsAreLiteral()
            throws Exception
    {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("V_DOLLAR", "$HOME and ${PATH}");
        variables.put("V_QUOTES", "it's \"quoted\"");
        variables.put("V_SPACES", "  a   b  ");
        variables.put("V_BACKSLASH", "back\\slash \\n");
        variables.put("V_BACKTICK", "`echo no` $(echo no)");
        variables.put("V_GLOB", "*");
        variables.put("V_UNICODE", "grüße 日本");
        variables.put("V_MULTILINE", "first line\nsecond line");
        variables.put("V_EMPTY", "");
        BuildEnvironment environment = provision();
        ShellSession shell = openShell(environment, ShellOptions.builder(environment.workspacePath()).environment(variables).build());

        for (Map.Entry<String, String> variable : variables.entrySet()) {
            Output output = run(shell, "printf '[%s]\\n' \"$" + variable.getKey() + "\"");
            assertThat(String.join("\n", output.lines())).as("value of %s", variable.getKey()).isEqualTo("[" + variable.getValue() + "]");
        }
    }

    @Test
    void shellOptionsOverrideTheBaseEnvironment()
            throws Exception
    {
        BuildEnvironment environment = provision();
        Map<String, String> base = new TreeMap<>(environment.baseEnvironment());
        base.keySet().removeIf(name -> !name.matches("[A-Za-z_][A-Za-z0-9_]*") || name.equals("PATH"));
        assumeTrue(!base.isEmpty(), "the environment has no base variables");
        String name = base.keySet().iterator().next();

        Output inherited = run(openShell(environment), "printf '[%s]\\n' \"$" + name + "\"");
        Output overridden = run(openShell(environment, ShellOptions.builder(environment.workspacePath()).variable(name, "overridden").build()),
                "printf '[%s]\\n' \"$" + name + "\"");

        assertThat(String.join("\n", inherited.lines())).isEqualTo("[" + base.get(name) + "]");
        assertThat(overridden.lines()).containsExactly("[overridden]");
    }

    @Test
    void shellStartsInTheGivenWorkingDirectory()
            throws Exception
    {
        Files.createDirectories(workspace().resolve("start/here"));
        BuildEnvironment environment = provision();
        String directory = environment.workspacePath() + "/start/here";

        Output output = run(openShell(environment, ShellOptions.builder(directory).build()), "pwd");

        assertThat(output.lines()).hasSize(1);
        if (hasBehavior(ExecutorBehavior.HOST_PATH)) {
            assertThat(Files.isSameFile(Path.of(output.lines().get(0)), workspace().resolve("start/here"))).isTrue();
        }
        else {
            assertThat(output.lines().get(0)).isEqualTo(directory);
        }
    }

    @Test
    void exitEndsTheShellWithItsStatusAndTheNextCommandGetsAFreshShell()
            throws Exception
    {
        Files.createDirectories(workspace().resolve("elsewhere"));
        BuildEnvironment environment = provision();
        ShellSession shell = openShell(environment, ShellOptions.builder(environment.workspacePath()).variable("FROM_OPTIONS", "kept").build());
        run(shell, "cd elsewhere");
        run(shell, "LOST=value");

        Output exited = run(shell, "echo before-exit\nexit 3\necho never");
        Output fresh = run(shell, "echo \"[${LOST:-unset}] [$FROM_OPTIONS]\"\npwd");

        assertThat(exited.status()).isEqualTo(3);
        assertThat(exited.result().timedOut()).isFalse();
        assertThat(exited.lines()).containsExactly("before-exit");
        assertThat(fresh.lines()).hasSize(2);
        assertThat(fresh.lines().get(0)).as("state is lost, the session's options are kept").isEqualTo("[unset] [kept]");
        assertThat(fresh.lines().get(1)).doesNotEndWith("/elsewhere");
    }

    @Test
    void aCommandThatReadsStandardInputDoesNotSwallowLaterCommands()
            throws Exception
    {
        ShellSession shell = openShell(provision());

        Output cat = run(shell, "cat\necho after-cat");
        Output read = run(shell, "read -r line || echo no-input\necho after-read");
        Output next = run(shell, "echo next-command");

        assertThat(cat.lines()).containsExactly("after-cat");
        assertThat(read.lines()).containsExactly("no-input", "after-read");
        assertThat(next.lines()).containsExactly("next-command");
    }

    @Test
    @Timeout(value = 120)
    void timeoutGivesATimedOutResultAndTheNextCommandRuns()
            throws Exception
    {
        ShellSession shell = openShell(provision());
        RecordingLogSink sink = new RecordingLogSink();
        long started = System.nanoTime();

        CommandResult result = shell.run("echo started\nsleep 1000", sink, Duration.ofSeconds(2));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitStatus()).isEqualTo(CommandResult.TIMED_OUT_EXIT_STATUS);
        assertThat(result.succeeded()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2).plus(CLEANUP_DEADLINE));
        assertThat(sink.lines()).containsExactly("started");
        assertThat(run(shell, "echo after-timeout").lines()).containsExactly("after-timeout");
    }

    @Test
    @Timeout(value = 120)
    void timeoutKillsTheWholeProcessTreeIncludingBackgroundChildren()
            throws Exception
    {
        assumeTrue(hasBehavior(ExecutorBehavior.POSIX_SHELL), "the executor offers no POSIX shell");
        BuildEnvironment environment = provision();
        ShellSession shell = openShell(environment);
        RecordingLogSink sink = new RecordingLogSink();

        CommandResult result = shell.run(startProcessTree(), sink, Duration.ofSeconds(3));

        assertThat(result.timedOut()).isTrue();
        assertThat(sink.lines()).as("the process tree had started before the timeout").contains("started");
        assertProcessesGone(environment, "bg.pid fg.pid");
    }

    @Test
    @Timeout(value = 120)
    void interruptingTheCallingThreadThrowsPromptly()
            throws Exception
    {
        BuildEnvironment environment = provision();
        ShellSession shell = openShell(environment);
        RecordingLogSink sink = new RecordingLogSink();
        String command = hasBehavior(ExecutorBehavior.POSIX_SHELL) ? startProcessTree() : "echo started\nsleep 1000";
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<CommandResult> returned = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                returned.set(shell.run(command, sink, Duration.ofMinutes(10)));
            }
            catch (Throwable e) {
                thrown.set(e);
            }
        }, "contract-interrupted-run");
        runner.start();
        sink.awaitLine("started", COMMAND_TIMEOUT);

        long interrupted = System.nanoTime();
        runner.interrupt();
        runner.join(INTERRUPT_DEADLINE.plusSeconds(5).toMillis());

        assertThat(runner.isAlive()).as("run() still blocked %s after the interrupt", INTERRUPT_DEADLINE.plusSeconds(5)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(INTERRUPT_DEADLINE);
        assertThat(returned.get()).as("run() returned instead of throwing InterruptedException").isNull();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        if (hasBehavior(ExecutorBehavior.POSIX_SHELL)) {
            assertProcessesGone(environment, "bg.pid fg.pid");
        }
    }

    @Test
    @Timeout(value = 120)
    void closingASessionKillsItsBackgroundProcesses()
            throws Exception
    {
        assumeTrue(hasBehavior(ExecutorBehavior.POSIX_SHELL), "the executor offers no POSIX shell");
        BuildEnvironment environment = provision();
        ShellSession shell = openShell(environment);

        Output output = run(shell, "sleep 1000 &\necho $! > background.pid\necho started");
        assertThat(output.lines()).containsExactly("started");
        shell.close();
        shell.close();

        assertProcessesGone(environment, "background.pid");
    }

    @Test
    void closeIsIdempotentForSessionsAndEnvironments()
            throws Exception
    {
        BuildEnvironment environment = provision();
        ShellSession shell = openShell(environment);
        run(shell, "echo hi");

        assertThatCode(() -> {
            shell.close();
            shell.close();
            environment.close();
            environment.close();
        }).doesNotThrowAnyException();
    }

    @Test
    void environmentCanBeClosedWhileACommandRuns()
            throws Exception
    {
        BuildEnvironment environment = provision();
        ShellSession shell = openShell(environment);
        RecordingLogSink sink = new RecordingLogSink();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                outcome.set(shell.run("echo started\nsleep 1000", sink, Duration.ofMinutes(10)));
            }
            catch (Throwable e) {
                outcome.set(e);
            }
        }, "contract-closed-under-run");
        runner.start();
        sink.awaitLine("started", COMMAND_TIMEOUT);

        assertThatCode(environment::close).doesNotThrowAnyException();
        runner.join(CLEANUP_DEADLINE.toMillis());

        assertThat(runner.isAlive()).as("run() still blocked after the environment was closed").isFalse();
        assertThat(outcome.get()).as("run() ended with a result or an IOException").satisfiesAnyOf(
                value -> assertThat(value).isInstanceOf(CommandResult.class),
                value -> assertThat(value).isInstanceOf(IOException.class));
    }

    @Test
    void failedProvisionLeavesTheExecutorUsable()
            throws Exception
    {
        Path missing = temporaryDirectory().resolve("no-such-workspace");

        assertThatThrownBy(() -> track(executor().provision(failingRequest(missing), TestingBuildContext.create())))
                .isInstanceOf(IOException.class);

        Output output = run(openShell(provision()), "echo still-works");
        assertThat(output.lines()).containsExactly("still-works");
        assertThatCode(() -> {
            executor().close();
            executor().close();
        }).doesNotThrowAnyException();
    }

    @Test
    void uploadAndDownloadRoundTripADirectoryTree()
            throws Exception
    {
        Path tree = temporaryDirectory().resolve("upload");
        Files.createDirectories(tree.resolve("a/b"));
        Files.createDirectories(tree.resolve("empty"));
        Files.writeString(tree.resolve("a/b/c.txt"), "deep file\n");
        Files.writeString(tree.resolve(".hidden"), "hidden\n");
        Files.writeString(tree.resolve("with space ünï.txt"), "unicode name\n");
        byte[] binary = new GeneratedContent(70_000, 12).bytes();
        Files.write(tree.resolve("a/binary.bin"), binary);
        Path script = Files.writeString(tree.resolve("run.sh"), "#!/bin/sh\necho ran\n");
        boolean posix = Files.getFileStore(tree).supportsFileAttributeView("posix");
        if (posix) {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        BuildEnvironment environment = provision();
        String target = environment.workspacePath() + "/uploaded";

        environment.upload(tree, target);
        Output listing = run(openShell(environment), "cat uploaded/a/b/c.txt\ncat 'uploaded/with space ünï.txt'");
        Path back = temporaryDirectory().resolve("download");
        environment.download(target, back);

        assertThat(listing.lines()).containsExactly("deep file", "unicode name");
        assertThat(snapshot(back)).isEqualTo(snapshot(tree));
        if (posix) {
            assertThat(Files.getPosixFilePermissions(back.resolve("run.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
            assertThat(Files.getPosixFilePermissions(back.resolve("a/b/c.txt"))).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        }
    }

    @Test
    void uploadReplacesFilesAndDownloadGetsWhatCommandsWrote()
            throws Exception
    {
        BuildEnvironment environment = provision();
        Path file = temporaryDirectory().resolve("config.txt");
        Files.writeString(file, "version 1\n");
        environment.upload(file, environment.workspacePath() + "/conf/config.txt");
        Files.writeString(file, "version 2\n");
        environment.upload(file, environment.workspacePath() + "/conf/config.txt");
        ShellSession shell = openShell(environment);

        Output uploaded = run(shell, "cat conf/config.txt");
        run(shell, "mkdir -p out\nprintf 'made by a command\\n' > out/made.txt");
        Path downloaded = temporaryDirectory().resolve("out");
        environment.download(environment.workspacePath() + "/out", downloaded);
        Path single = temporaryDirectory().resolve("single.txt");
        environment.download(environment.workspacePath() + "/out/made.txt", single);

        assertThat(uploaded.lines()).containsExactly("version 2");
        assertThat(Files.readString(downloaded.resolve("made.txt"))).isEqualTo("made by a command\n");
        assertThat(Files.readString(single)).isEqualTo("made by a command\n");
    }

    @Test
    void downloadOfAMissingPathThrowsNoSuchFile()
            throws Exception
    {
        BuildEnvironment environment = provision();

        assertThatThrownBy(() -> environment.download(environment.workspacePath() + "/does-not-exist", temporaryDirectory().resolve("nothing")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void hostPathMapsTheWorkspaceWhenOffered()
            throws Exception
    {
        BuildEnvironment environment = provision();
        if (!hasBehavior(ExecutorBehavior.HOST_PATH)) {
            assertThat(environment.hostPath(environment.workspacePath())).isEmpty();
            return;
        }
        run(openShell(environment), "printf 'written in the environment\\n' > made.txt");

        Path hostWorkspace = environment.hostPath(environment.workspacePath()).orElseThrow(() -> new AssertionError("hostPath(workspacePath()) is empty"));
        Path hostFile = environment.hostPath(environment.workspacePath() + "/made.txt").orElseThrow();

        assertThat(Files.isSameFile(hostWorkspace, workspace())).isTrue();
        assertThat(Files.readString(hostFile)).isEqualTo("written in the environment\n");
    }

    @Test
    void runAsSwitchesTheUserOrRefusesClearly()
            throws Exception
    {
        BuildEnvironment environment = provision();
        ShellOptions options = ShellOptions.builder(environment.workspacePath()).runAs(runAsUser()).build();
        if (!hasBehavior(ExecutorBehavior.RUN_AS)) {
            assertThatThrownBy(() -> openShell(environment, options).run("whoami", new RecordingLogSink(), COMMAND_TIMEOUT))
                    .isInstanceOfAny(IOException.class, SlipwayException.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf(runAsUser(), "run-as", "runAs", "user"));
            return;
        }
        // A user other than the server's needs to get to the workspace through the test's own directories.
        if (Files.getFileStore(temporaryDirectory()).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(temporaryDirectory(), PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        Output output = run(openShell(environment, options), "whoami");

        assertThat(output.lines()).containsExactly(runAsUser());
    }

    @Test
    void scriptedExitStatusesAreReportedExactly()
            throws Exception
    {
        ShellSession shell = openShell(provision());
        for (int status : new int[] {2, 42, 255}) {
            Output output = run(shell, "exit " + status);
            assertThat(output.status()).as("exit %s", status).isEqualTo(status);
        }
    }

    /** Starts {@code sleep} in the background and a foreground grandchild, recording their pids, then prints "started". */
    private static String startProcessTree()
    {
        return "sleep 1000 &\necho $! > bg.pid\nsh -c 'echo $$ > fg.pid; echo started; exec sleep 1000'";
    }

    private void assertProcessesGone(BuildEnvironment environment, String pidFiles)
            throws IOException, InterruptedException
    {
        ShellSession checker = openShell(environment);
        Output pids = run(checker, "cat " + pidFiles);
        assertThat(pids.lines()).as("pid files %s", pidFiles).allMatch(line -> line.matches("\\d+"));
        List<String> alive = new ArrayList<>();
        await().atMost(CLEANUP_DEADLINE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Output report = run(checker, REPORT_LIVE_PIDS.formatted(pidFiles));
            alive.clear();
            alive.addAll(report.lines().stream().filter(line -> line.startsWith("alive")).toList());
            assertThat(report.lines()).contains("checked");
            assertThat(alive).as("processes still running %s after they should have been killed", CLEANUP_DEADLINE).isEmpty();
        });
    }

    private <R extends AutoCloseable> R track(R resource)
    {
        resources.add(resource);
        return resource;
    }

    /** Relative path to "d" for directories, or content and executable bit for files. */
    private static Map<String, String> snapshot(Path root)
            throws IOException
    {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String relative = root.relativize(path).toString();
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(relative + "/", "directory");
                }
                else {
                    boolean executable = Files.getFileStore(path).supportsFileAttributeView("posix")
                            && Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE);
                    entries.put(relative, Sha256.hex(Files.readAllBytes(path)) + (executable ? " executable" : ""));
                }
            }
        }
        return entries;
    }
}
