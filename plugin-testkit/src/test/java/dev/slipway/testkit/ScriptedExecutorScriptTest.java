package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.CommandResult;
import dev.slipway.api.executor.ShellOptions;
import dev.slipway.api.executor.ShellSession;

/** The script language and the SLIPWAY_TEST_* keys of {@link ScriptedExecutor}, beyond what the executor contract covers. */
final class ScriptedExecutorScriptTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path workspace;

    private ScriptedExecutor executor;
    private BuildEnvironment environment;
    private ShellSession shell;

    @BeforeEach
    void openShell()
            throws Exception
    {
        executor = new ScriptedExecutor(Map.of("BASE", "from executor"), 3);
        environment = executor.provision(TestingEnvironmentRequest.of(workspace), TestingBuildContext.create());
        shell = environment.openShell(ShellOptions.builder(workspace.toString()).variable("OPTION", "from options").build());
    }

    @AfterEach
    void close()
    {
        executor.close();
    }

    private List<String> lines(String command)
            throws Exception
    {
        RecordingLogSink sink = new RecordingLogSink();
        shell.run(command, sink, TIMEOUT);
        return sink.lines();
    }

    private int status(String command)
            throws Exception
    {
        return shell.run(command, new RecordingLogSink(), TIMEOUT).exitStatus();
    }

    @Test
    void quotingAndEscapesFollowTheShell()
            throws Exception
    {
        assertThat(lines("echo 'single $BASE' \"double $BASE\" back\\ slash \"\\$literal\" \"\"end")).containsExactly("single $BASE double from executor back slash $literal end");
    }

    @Test
    void unquotedExpansionsAreSplitIntoFields()
            throws Exception
    {
        lines("WORDS='a   b c'");

        assertThat(lines("printf '<%s>' $WORDS; printf '\\n'")).containsExactly("<a><b><c>");
        assertThat(lines("printf '<%s>' \"$WORDS\"; printf '\\n'")).containsExactly("<a   b c>");
        assertThat(lines("printf '<%s>' $UNSET_VARIABLE x; printf '\\n'")).containsExactly("<x>");
    }

    @Test
    void defaultsOfUnsetAndEmptyVariables()
            throws Exception
    {
        lines("EMPTY=");

        assertThat(lines("echo ${MISSING:-fallback} ${EMPTY:-fallback} [${EMPTY-fallback}] ${BASE:-fallback}")).containsExactly("fallback fallback [] from executor");
    }

    @Test
    void andOrListsAndLastStatus()
            throws Exception
    {
        assertThat(lines("false && echo no || echo yes; true && echo and; echo status $?")).containsExactly("yes", "and", "status 0");
        assertThat(lines("false\necho $?")).containsExactly("1");
    }

    @Test
    void assignmentBeforeACommandAppliesToThatCommandOnly()
            throws Exception
    {
        assertThat(lines("TEMPORARY=1 printenv TEMPORARY\necho \"[${TEMPORARY:-gone}]\"")).containsExactly("1", "[gone]");
    }

    @Test
    void redirectionsWriteAppendReadAndDiscard()
            throws Exception
    {
        lines("echo one > file.txt\necho two >> file.txt\necho hidden 2>/dev/null >&2\necho err 2>&1 >/dev/null");

        assertThat(Files.readString(workspace.resolve("file.txt"))).isEqualTo("one\ntwo\n");
        assertThat(lines("read -r first < file.txt\necho \"got $first\"")).containsExactly("got one");
        assertThat(lines("cat < file.txt")).containsExactly("one", "two");
    }

    @Test
    void setEEndsTheShellAtTheFirstFailureExceptInAndOrLists()
            throws Exception
    {
        RecordingLogSink sink = new RecordingLogSink();
        CommandResult result = shell.run("set -e\nfalse || echo tolerated\necho reached\nfalse\necho never", sink, TIMEOUT);

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(sink.lines()).containsExactly("tolerated", "reached");
        assertThat(lines("false\necho 'set -e was reset with the shell'")).containsExactly("set -e was reset with the shell");
    }

    @Test
    void unsupportedSyntaxIsASyntaxErrorNotASilentlyDifferentMeaning()
            throws Exception
    {
        for (String command : List.of("echo a | cat", "sleep 1 &", "(cd /)", "echo $(pwd)", "echo `pwd`", "f() { :; }")) {
            RecordingLogSink sink = new RecordingLogSink();
            CommandResult result = shell.run(command, sink, TIMEOUT);
            assertThat(result.exitStatus()).as(command).isEqualTo(2);
            assertThat(sink.text()).as(command).startsWith("scripted: syntax error:").contains("not supported");
        }
    }

    @Test
    void unknownCommandsAreNotFound()
            throws Exception
    {
        RecordingLogSink sink = new RecordingLogSink();

        CommandResult result = shell.run("./build.sh --fast", sink, TIMEOUT);

        assertThat(result.exitStatus()).isEqualTo(127);
        assertThat(sink.text()).startsWith("scripted: ./build.sh: command not found");
    }

    @Test
    void printfFormats()
            throws Exception
    {
        assertThat(lines("printf '%s=%d|%5s|%-3s|%03d|%x|%%\\n' a 42 right l 7 255")).containsExactly("a=42|right|l  |007|ff|%");
        assertThat(lines("printf '%s\\n' one two three")).containsExactly("one", "two", "three");
        assertThat(lines("printf '%b\\n' 'tab\\there'")).containsExactly("tab\there");
        assertThat(lines("echo -e 'a\\tb\\c ignored'")).containsExactly("a\tb");
        assertThat(lines("echo -n partial")).containsExactly("partial");
    }

    @Test
    void filesCanBeMadeTestedAndRemoved()
            throws Exception
    {
        assertThat(lines("mkdir -p a/b && touch a/b/f && [ -f a/b/f ] && echo file\n[ -d a ] && echo directory\nrm -r a\ntest -e a || echo gone")).containsExactly("file", "directory", "gone");
        assertThat(lines("[ \"x\" = x ] && [ 3 -gt 2 ] && [ -n \"$BASE\" ] && [ ! -z \"$OPTION\" ] && echo all")).containsExactly("all");
        assertThat(status("cat missing.txt")).isEqualTo(1);
        assertThat(status("mkdir x\nmkdir x")).isEqualTo(1);
    }

    @Test
    void exitCodeKeyOverridesEveryCommandsStatus()
            throws Exception
    {
        lines("export SLIPWAY_TEST_EXIT_CODE=7");

        RecordingLogSink sink = new RecordingLogSink();
        CommandResult result = shell.run("echo still runs", sink, TIMEOUT);

        assertThat(result.exitStatus()).isEqualTo(7);
        assertThat(sink.lines()).containsExactly("still runs");
    }

    @Test
    void sleepKeyDelaysEveryCommandAndCountsAgainstTheTimeout()
            throws Exception
    {
        ShellSession slow = environment.openShell(ShellOptions.builder(workspace.toString()).variable(ScriptedExecutor.SLEEP_VARIABLE, "300ms").build());
        RecordingLogSink firstSink = new RecordingLogSink();
        RecordingLogSink secondSink = new RecordingLogSink();
        RecordingLogSink finishedSink = new RecordingLogSink();

        // A timeout shorter than the sleep: the delay alone makes each command time out before it runs.
        CommandResult first = slow.run("echo never", firstSink, Duration.ofMillis(100));
        CommandResult second = slow.run("echo never again", secondSink, Duration.ofMillis(100));
        CommandResult finished = slow.run("echo done", finishedSink, TIMEOUT);

        assertThat(first.timedOut()).isTrue();
        assertThat(firstSink.lines()).isEmpty();
        assertThat(second.timedOut()).as("every command waits, not only the first").isTrue();
        assertThat(secondSink.lines()).isEmpty();
        assertThat(finished.succeeded()).isTrue();
        assertThat(finishedSink.lines()).containsExactly("done");
    }

    @Test
    void openShellFailureKeyFailsOpenShell()
    {
        ShellOptions options = ShellOptions.builder(workspace.toString()).variable(ScriptedExecutor.OPEN_SHELL_FAILURE_VARIABLE, "no shell today").build();

        assertThatThrownBy(() -> environment.openShell(options)).isInstanceOf(IOException.class).hasMessageContaining("no shell today");
    }

    @Test
    void provisionFailureKeyFailsProvision()
    {
        ScriptedExecutor failing = new ScriptedExecutor(Map.of(ScriptedExecutor.PROVISION_FAILURE_VARIABLE, "image not found"), 1);

        assertThatThrownBy(() -> failing.provision(TestingEnvironmentRequest.of(workspace), TestingBuildContext.create()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("image not found");
        assertThat(failing.provisionRequests()).hasSize(1);
    }

    @Test
    void provisionSleepKeyCanBeInterrupted()
            throws Exception
    {
        ScriptedExecutor slow = new ScriptedExecutor(Map.of(ScriptedExecutor.PROVISION_SLEEP_VARIABLE, "1h"), 1);
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> slow.provision(TestingEnvironmentRequest.of(workspace), TestingBuildContext.create())).isInstanceOf(InterruptedException.class);
    }

    @Test
    void executorRecordsWhatItWasAskedToDo()
            throws Exception
    {
        lines("echo recorded");

        assertThat(executor.capacity()).isEqualTo(3);
        assertThat(executor.provisionRequests()).extracting(request -> request.workspace()).containsExactly(workspace);
        assertThat(executor.openedShells()).extracting(options -> options.environment().get("OPTION")).containsExactly("from options");
        assertThat(executor.commands()).containsExactly("echo recorded");
    }

    @Test
    void factoryRejectsMalformedEnvironmentEntries()
    {
        ConfigAssertions.assertSchemaRejects(new ScriptedExecutorFactory(), Map.of("environment", List.of("OK=1", "not an entry")), "environment[1]", "must be NAME=value");
        ConfigAssertions.assertDefaults(new ScriptedExecutorFactory(), Map.of("capacity", 1));
    }
}
