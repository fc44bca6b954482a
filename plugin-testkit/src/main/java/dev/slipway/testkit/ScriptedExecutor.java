package dev.slipway.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.slipway.api.executor.BuildContext;
import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.EnvironmentRequest;
import dev.slipway.api.executor.Executor;
import dev.slipway.api.executor.ShellOptions;

/**
 * An {@link Executor} that starts no process: it interprets commands itself, so that code which drives executors
 * (the build engine, a plugin's own tests) can be tested quickly and deterministically, in the spirit of
 * Woodpecker's {@code dummy} backend. Thread-safe; records what it was asked to do.
 *
 * <h2>Commands</h2>
 * Each command is a small script in a subset of the POSIX shell language, interpreted in the build's workspace on
 * the server's disk (so {@link BuildEnvironment#hostPath} is the identity and files that commands write are real):
 * <ul>
 *   <li>statements separated by newlines or {@code ;}, joined by {@code &&} and {@code ||}; {@code #} comments;</li>
 *   <li>quoting with {@code '…'}, {@code "…"} and {@code \}; expansions {@code $NAME}, {@code ${NAME}},
 *       {@code ${NAME:-word}}, {@code ${NAME-word}}, {@code $?} (unquoted values are split at blanks; no globbing);</li>
 *   <li>assignments {@code NAME=value} (kept by the session) and {@code NAME=value command} (for that command);</li>
 *   <li>redirections {@code >}, {@code >>}, {@code <}, {@code 2>}, {@code 2>&1}, {@code >&2}, {@code /dev/null};</li>
 *   <li>built-in commands {@code echo} ({@code -n}, {@code -e}), {@code printf}, {@code cat}, {@code cd}, {@code pwd},
 *       {@code export}, {@code unset}, {@code printenv}, {@code read}, {@code set -e}/{@code +e}, {@code exit},
 *       {@code sleep} (e.g. {@code 2}, {@code 0.5}, {@code 300ms}), {@code true}, {@code false}, {@code :},
 *       {@code test}/{@code [}, {@code mkdir [-p]}, {@code touch}, {@code rm [-rf]} and {@code whoami} (the
 *       {@code run-as} user, or the JVM's user).</li>
 * </ul>
 * Anything else is reported like a shell would: an unknown command prints {@code command not found} and has status
 * 127; pipes, background jobs, subshells, functions and command substitution are syntax errors with status 2, so a
 * test never silently gets a different meaning than a real shell would give it. Standard input is empty. Session
 * state (variables, working directory, {@code set -e}) carries from one command to the next; {@code exit N}, a
 * failure under {@code set -e} and a timeout end the "shell", and the next command starts afresh, as
 * {@link dev.slipway.api.executor.ShellSession#run} requires.
 *
 * <h2>Scripting behaviour with variables</h2>
 * Variables come from the executor's environment (config key {@code environment}, or the constructor), then
 * {@link ShellOptions#environment()}, then assignments in earlier commands:
 * <ul>
 *   <li>{@code SLIPWAY_TEST_EXIT_CODE=N}: every command's status becomes {@code N} after its script ran;</li>
 *   <li>{@code SLIPWAY_TEST_SLEEP=D}: every command first waits {@code D} ({@code 2s}, {@code 500ms}, {@code 1.5});
 *       the wait counts against the command's timeout and ends when the thread is interrupted;</li>
 *   <li>{@code SLIPWAY_TEST_OPEN_SHELL_FAIL=message}: {@code openShell} throws an {@link IOException} with it;</li>
 *   <li>in the executor's environment only: {@code SLIPWAY_TEST_PROVISION_FAIL=message} makes {@code provision}
 *       throw an {@link IOException} with it, and {@code SLIPWAY_TEST_PROVISION_SLEEP=D} makes it wait first
 *       (interruptibly).</li>
 * </ul>
 *
 * @since 0.1
 */
public final class ScriptedExecutor
        implements Executor
{
    /** @since 0.1 */
    public static final String EXIT_CODE_VARIABLE = ScriptedShellSession.EXIT_CODE_VARIABLE;
    /** @since 0.1 */
    public static final String SLEEP_VARIABLE = ScriptedShellSession.SLEEP_VARIABLE;
    /** @since 0.1 */
    public static final String OPEN_SHELL_FAILURE_VARIABLE = ScriptedBuildEnvironment.OPEN_SHELL_FAILURE_VARIABLE;
    /** @since 0.1 */
    public static final String PROVISION_FAILURE_VARIABLE = "SLIPWAY_TEST_PROVISION_FAIL";
    /** @since 0.1 */
    public static final String PROVISION_SLEEP_VARIABLE = "SLIPWAY_TEST_PROVISION_SLEEP";

    private final Map<String, String> environment;
    private final int capacity;
    private final List<EnvironmentRequest> provisioned = new CopyOnWriteArrayList<>();
    private final List<ShellOptions> shells = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<ScriptedBuildEnvironment> environments = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** An executor with an empty environment and a capacity of 1. @since 0.1 */
    public ScriptedExecutor()
    {
        this(Map.of(), 1);
    }

    /**
     * @param environment the base environment of every shell, and where the {@code SLIPWAY_TEST_PROVISION_*} keys are read
     * @param capacity what {@link #capacity()} answers; at least 1
     * @since 0.1
     */
    public ScriptedExecutor(Map<String, String> environment, int capacity)
    {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment is null"));
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public BuildEnvironment provision(EnvironmentRequest request, BuildContext context)
            throws IOException, InterruptedException
    {
        Objects.requireNonNull(request, "request is null");
        Objects.requireNonNull(context, "context is null");
        if (closed) {
            throw new IllegalStateException("This scripted executor is closed");
        }
        provisioned.add(request);
        Optional<String> sleep = Optional.ofNullable(environment.get(PROVISION_SLEEP_VARIABLE));
        if (sleep.isPresent()) {
            Duration duration = ScriptedShellSession.parseDuration(sleep.get())
                    .orElseThrow(() -> new IOException(PROVISION_SLEEP_VARIABLE + ": invalid duration '" + sleep.get() + "' (use e.g. 500ms, 2s or 1.5)"));
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        }
        String failure = environment.get(PROVISION_FAILURE_VARIABLE);
        if (failure != null) {
            throw new IOException("Scripted provisioning failure (" + PROVISION_FAILURE_VARIABLE + "): " + failure);
        }
        Path workspace = request.workspace().toAbsolutePath().normalize();
        if (!Files.isDirectory(workspace)) {
            throw new NoSuchFileException(workspace.toString(), null, "the build's workspace does not exist");
        }
        context.log().line("Scripted environment ready in " + workspace);
        ScriptedBuildEnvironment buildEnvironment = new ScriptedBuildEnvironment(this, workspace, environment);
        environments.add(buildEnvironment);
        return buildEnvironment;
    }

    @Override
    public int capacity()
    {
        return capacity;
    }

    /** @return the requests {@code provision} was called with, oldest first (also those that failed) @since 0.1 */
    public List<EnvironmentRequest> provisionRequests()
    {
        return List.copyOf(provisioned);
    }

    /** @return the options of every shell opened in any of this executor's environments, oldest first @since 0.1 */
    public List<ShellOptions> openedShells()
    {
        return List.copyOf(shells);
    }

    /** @return every command run in any of this executor's shells, oldest first @since 0.1 */
    public List<String> commands()
    {
        return List.copyOf(commands);
    }

    /** Closes every environment still open. Idempotent. @since 0.1 */
    @Override
    public void close()
    {
        closed = true;
        environments.forEach(ScriptedBuildEnvironment::close);
    }

    void recordShell(ShellOptions options)
    {
        shells.add(options);
    }

    void recordCommand(String command)
    {
        commands.add(command);
    }

    @Override
    public String toString()
    {
        return "ScriptedExecutor[capacity " + capacity + ", environment " + environment.keySet() + "]";
    }
}
