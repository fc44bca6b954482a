package dev.slipway.plugins.localexecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.CommandResult;
import dev.slipway.api.executor.Executor;
import dev.slipway.api.executor.LogSink;
import dev.slipway.api.executor.ShellOptions;
import dev.slipway.api.executor.ShellSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The persistent shell of the local executor, with real shells and real processes. */
class LocalShellSessionIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private Path workspace;
    private Executor executor;
    private BuildEnvironment environment;
    private ShellSession session;

    @BeforeEach
    void setUp()
            throws Exception
    {
        workspace = Files.createDirectory(temp.resolve("workspace"));
        LocalExecutorFactory factory = new LocalExecutorFactory();
        executor = factory.create(factory.configSchema().bind(Map.of("detect-toolchains", false)),
                TestingContexts.extension(Files.createDirectory(temp.resolve("data"))));
        environment = executor.provision(TestingContexts.request(workspace), TestingContexts.build(LogSink.discard()));
        session = environment.openShell(ShellOptions.builder(workspace.toString()).variable("GREETING", "hello").build());
    }

    @AfterEach
    void tearDown()
    {
        environment.close();
        executor.close();
    }

    private Run run(String command)
            throws Exception
    {
        return run(session, command);
    }

    private static Run run(ShellSession session, String command)
            throws Exception
    {
        RecordingSink sink = new RecordingSink();
        CommandResult result = session.run(command, sink, TIMEOUT);
        return new Run(result, sink.lines());
    }

    private record Run(CommandResult result, List<String> lines)
    {
        int status()
        {
            return result.exitStatus();
        }
    }

    @Test
    void runsACommandAndDeliversItsOutputLineByLine()
            throws Exception
    {
        Run run = run("echo one; echo two");

        assertThat(run.lines()).containsExactly("one", "two");
        assertThat(run.result().succeeded()).isTrue();
        assertThat(run.result().duration()).isPositive();
    }

    @Test
    void manySmallWritesAreDeliveredCompleteAndInOrderAndTheNextCommandStillEnds()
            throws Exception
    {
        // One write per line (echo is a builtin): far more reads than the reader's streaming threshold, each short.
        Run run = run("for i in $(seq 1 5000); do echo \"line $i\"; done; printf 'tail without newline'");

        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 5000; i++) {
            expected.add("line " + i);
        }
        expected.add("tail without newline");
        assertThat(run.lines()).containsExactlyElementsOf(expected);
        assertThat(run.status()).isZero();
        assertThat(run("echo next").lines()).containsExactly("next");
    }

    @Test
    void nonZeroExitStatusIsAResultNotAnException()
            throws Exception
    {
        Run run = run("echo failing; (exit 3)");

        assertThat(run.status()).isEqualTo(3);
        assertThat(run.result().timedOut()).isFalse();
        assertThat(run.lines()).containsExactly("failing");
    }

    @Test
    void shellStartsInTheWorkingDirectoryWithTheOptionsVariables()
            throws Exception
    {
        assertThat(run("pwd; echo \"$GREETING\"").lines()).containsExactly(workspace.toRealPath().toString(), "hello");
    }

    @Test
    void changeOfDirectoryCarriesOverToTheNextCommand()
            throws Exception
    {
        Files.createDirectory(workspace.resolve("sub"));
        run("cd sub");

        assertThat(run("pwd").lines()).containsExactly(workspace.resolve("sub").toRealPath().toString());
    }

    @Test
    void unexportedVariablesCarryOverButStayOutOfChildProcesses()
            throws Exception
    {
        run("IMAGE_TAG=1.2.3");

        assertThat(run("echo \"tag=$IMAGE_TAG\"; sh -c 'echo \"child=${IMAGE_TAG:-unset}\"'").lines())
                .containsExactly("tag=1.2.3", "child=unset");
    }

    @Test
    void exportsCarryOverIntoChildProcesses()
            throws Exception
    {
        run("export STAGE=beta");

        assertThat(run("sh -c 'echo \"child=$STAGE\"'").lines()).containsExactly("child=beta");
    }

    @Test
    void functionsCarryOver()
            throws Exception
    {
        run("greet() { echo \"hi $1\"; }");

        assertThat(run("greet there").lines()).containsExactly("hi there");
    }

    @Test
    void setOptionsCarryOver()
            throws Exception
    {
        run("set -o pipefail -u");

        Run pipe = run("false | true");
        Run unset = run("echo \"$NOT_DEFINED\"");

        assertThat(pipe.status()).isEqualTo(1);
        assertThat(unset.status()).isNotZero();
        assertThat(unset.lines()).singleElement().asString().contains("NOT_DEFINED");
    }

    @Test
    void previousExitStatusIsVisibleAsDollarQuestionMark()
            throws Exception
    {
        run("(exit 4)");

        assertThat(run("echo \"previous=$?\"").lines()).containsExactly("previous=4");
        assertThat(run("echo \"previous=$?\"").lines()).containsExactly("previous=0");
    }

    @Test
    void multiLineCommandIsOneCommandWithTheStatusOfItsLastStatement()
            throws Exception
    {
        Run run = run("""
                echo first
                false
                echo last
                """);

        assertThat(run.lines()).containsExactly("first", "last");
        assertThat(run.status()).isZero();
        assertThat(run("echo next").lines()).containsExactly("next");
    }

    @Test
    void multiLineCommandWithHereDocumentAndLoop()
            throws Exception
    {
        Run run = run("""
                for i in 1 2; do
                  echo "item $i"
                done
                cat <<EOF
                here $GREETING
                EOF
                (exit 6)""");

        assertThat(run.lines()).containsExactly("item 1", "item 2", "here hello");
        assertThat(run.status()).isEqualTo(6);
    }

    @Test
    void syntaxErrorFailsTheCommandAndTheSessionGoesOn()
            throws Exception
    {
        Run broken = run("if then fi");

        assertThat(broken.status()).isNotZero();
        assertThat(run("echo still here").lines()).containsExactly("still here");
    }

    @Test
    void standardErrorIsMergedIntoTheOutputInOrder()
            throws Exception
    {
        assertThat(run("echo out; echo err >&2; echo out again").lines()).containsExactly("out", "err", "out again");
    }

    @Test
    void outputWithoutTrailingNewlineIsDeliveredAsALineAndTheMarkerNeverShows()
            throws Exception
    {
        Run run = run("printf 'no newline'");

        assertThat(run.lines()).containsExactly("no newline");
        assertThat(run("printf 'a\\nb'; (exit 2)").lines()).containsExactly("a", "b");
    }

    @Test
    void emptyOutputDeliversNoLine()
            throws Exception
    {
        assertThat(run("true").lines()).isEmpty();
        assertThat(run("printf ''").lines()).isEmpty();
        assertThat(run("echo").lines()).containsExactly("");
    }

    @Test
    void textThatLooksLikeAMarkerIsOrdinaryOutput()
            throws Exception
    {
        Run run = run("printf 'slipway-00000000000000000000000000000000-0 hBs\\n'; printf 'slipway-x-1 s'");

        assertThat(run.lines()).containsExactly("slipway-00000000000000000000000000000000-0 hBs", "slipway-x-1 s");
        assertThat(run.status()).isZero();
    }

    @Test
    void xtraceShowsTheCommandsButNoBookkeeping()
            throws Exception
    {
        Run first = run("set -x; echo traced");
        Run second = run("echo again");
        Run third = run("set +x; echo quiet");

        assertThat(first.lines()).hasSize(2).last().isEqualTo("traced");
        assertThat(first.lines().get(0)).endsWith("+ echo traced");
        assertThat(second.lines()).hasSize(2).last().isEqualTo("again");
        assertThat(second.lines().get(0)).endsWith("+ echo again");
        assertThat(third.lines()).hasSize(2).last().isEqualTo("quiet");
        assertThat(third.lines().get(0)).endsWith("+ set +x");
        assertThat(run("echo plain").lines()).containsExactly("plain");
    }

    @Test
    void verboseModeEchoesTheUsersLinesOnly()
            throws Exception
    {
        Run enabling = run("set -v");

        Run run = run("echo shown");

        // The command that turns -v on echoes the line that saves its status (documented); later ones only their own.
        assertThat(enabling.lines()).containsExactly("{ __slipway_status=$?; } >/dev/null 2>&1");
        assertThat(run.lines()).containsExactly("echo shown", "shown");
    }

    @Test
    void debugTrapNeverRevealsTheMarker()
            throws Exception
    {
        run("trap 'echo \"debug: $BASH_COMMAND\"' DEBUG");

        Run run = run("echo body; (exit 3)");
        Run next = run("echo \"previous=$?\"");

        // bash runs a DEBUG trap for the sourcing of the command file, not inside it (no functrace).
        assertThat(run.lines()).contains("body").anyMatch(line -> line.startsWith("debug: "));
        assertThat(run.status()).isEqualTo(3);
        assertThat(next.lines()).contains("previous=3");
        assertThat(List.of(run.lines(), next.lines())).flatMap(lines -> lines)
                .noneMatch(line -> line.matches(".*slipway-[0-9a-f]{32}.*") || line.contains("__slipway_status"));
    }

    @Test
    void errTrapDoesNotFireForTheRestoredStatus()
            throws Exception
    {
        run("trap 'echo \"err trap\"' ERR");
        Run failing = run("false");

        Run next = run("echo next");

        assertThat(failing.lines()).containsExactly("err trap");
        assertThat(next.lines()).containsExactly("next");
    }

    @Test
    void exitEndsTheShellWithItsStatusAndTheNextCommandStartsAFreshShellWithTheOriginalOptions()
            throws Exception
    {
        Files.createDirectory(workspace.resolve("elsewhere"));
        run("cd elsewhere; LOCAL=1; export GREETING=changed");

        Run exit = run("echo bye; exit 3");
        Run after = run("pwd; echo \"local=${LOCAL:-unset} greeting=$GREETING\"");

        assertThat(exit.status()).isEqualTo(3);
        assertThat(exit.lines()).containsExactly("bye");
        assertThat(after.lines()).containsExactly(workspace.toRealPath().toString(), "local=unset greeting=hello");
        assertThat(after.status()).isZero();
    }

    @Test
    void exitInsideAFunctionEndsTheShell()
            throws Exception
    {
        run("leave() { echo leaving; exit 4; }");

        Run run = run("leave; echo unreachable");

        assertThat(run.status()).isEqualTo(4);
        assertThat(run.lines()).containsExactly("leaving");
        assertThat(run("type leave >/dev/null 2>&1 || echo gone").lines()).containsExactly("gone");
    }

    @Test
    void errexitFailureEndsTheShellWithTheFailingStatus()
            throws Exception
    {
        run("set -e");

        Run run = run("echo before; (exit 7); echo after");

        assertThat(run.status()).isEqualTo(7);
        assertThat(run.lines()).containsExactly("before");
        assertThat(run("case $- in *e*) echo errexit;; *) echo fresh;; esac").lines()).containsExactly("fresh");
    }

    @Test
    void exitTrapRunsWhenACommandEndsTheShell()
            throws Exception
    {
        run("trap 'echo cleanup' EXIT");

        Run run = run("exit 2");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.lines()).containsExactly("cleanup");
    }

    @Test
    void execReplacingTheShellReportsTheProgramsStatus()
            throws Exception
    {
        Run run = run("exec sh -c 'echo replaced; exit 5'");

        assertThat(run.status()).isEqualTo(5);
        assertThat(run.lines()).containsExactly("replaced");
        assertThat(run("echo fresh").lines()).containsExactly("fresh");
    }

    @Test
    void execRedirectingOutputKeepsTheSessionResponsive()
            throws Exception
    {
        run("exec >/dev/null 2>&1");

        Run hidden = run("echo hidden; (exit 3)");

        assertThat(hidden.lines()).isEmpty();
        assertThat(hidden.status()).isEqualTo(3);
        run("exec >/dev/stderr");
    }

    @Test
    void execRedirectingStandardInputCannotStealTheShellsScript()
            throws Exception
    {
        Files.writeString(workspace.resolve("input.txt"), "echo injected\n");

        Run redirect = run("exec < input.txt");

        assertThat(redirect.status()).isZero();
        assertThat(run("echo next").lines()).containsExactly("next");
    }

    @Test
    void descriptorsAScriptLikesToUseStayUsable()
            throws Exception
    {
        run("exec 3>&1 7>lock7 9>lock9");

        assertThat(run("echo to-three >&3; echo plain").lines()).containsExactly("to-three", "plain");
    }

    @Test
    void commandReadingStandardInputGetsEndOfFileAndCannotSwallowLaterCommands()
            throws Exception
    {
        Run read = run("read -r line; echo \"read=$? line=[$line]\"");
        Run cat = run("cat; echo \"cat=$?\"");

        assertThat(read.lines()).containsExactly("read=1 line=[]");
        assertThat(cat.lines()).containsExactly("cat=0");
        assertThat(run("echo next").lines()).containsExactly("next");
    }

    @Test
    void oneMegabyteSingleLineArrivesIntact()
            throws Exception
    {
        Run run = run("head -c 1048576 /dev/zero | tr '\\0' 'x'; echo; echo after");

        assertThat(run.lines()).hasSize(2);
        assertThat(run.lines().get(0)).hasSize(1048576).matches("x+");
        assertThat(run.lines().get(1)).isEqualTo("after");
    }

    @Test
    void oneMegabyteLineWithoutNewlineArrivesIntact()
            throws Exception
    {
        Run run = run("head -c 1048576 /dev/zero | tr '\\0' 'y'");

        assertThat(run.lines()).singleElement().asString().hasSize(1048576);
    }

    @Test
    void binaryOutputDoesNotDisturbTheSession()
            throws Exception
    {
        Run binary = run("head -c 200000 /dev/urandom; printf '\\000\\377\\376'");

        assertThat(binary.status()).isZero();
        assertThat(run("echo fine").lines()).containsExactly("fine");
    }

    @Test
    void unicodeOutputArrivesIntact()
            throws Exception
    {
        assertThat(run("echo 'héllo wörld ✓ 日本語 🚢'").lines()).containsExactly("héllo wörld ✓ 日本語 🚢");
    }

    @Test
    void unicodeCommandTextRunsIntact()
            throws Exception
    {
        run("NAME='Ærø ✓'");

        assertThat(run("echo \"$NAME\"").lines()).containsExactly("Ærø ✓");
    }

    @Test
    void ansiEscapesPassThroughAndCarriageReturnLineEndsAreStripped()
            throws Exception
    {
        assertThat(run("printf '\\033[31mred\\033[0m\\r\\nplain\\n'").lines()).containsExactly("\u001b[31mred\u001b[0m", "plain");
    }

    @Test
    void optionsVariablesAreLiteral()
            throws Exception
    {
        String tricky = "$HOME `id` $(id) 'single' \"double\" back\\slash\nsecond line";
        ShellSession literal = environment.openShell(ShellOptions.builder(workspace.toString()).variable("TRICKY", tricky).build());

        assertThat(run(literal, "printf '%s' \"$TRICKY\"").lines()).containsExactly("$HOME `id` $(id) 'single' \"double\" back\\slash", "second line");
    }

    @Test
    void backgroundJobHoldingTheOutputDoesNotBlockTheCommand()
            throws Exception
    {
        Run run = run("sleep 1000 & echo started $!");

        assertThat(run.status()).isZero();
        long pid = Long.parseLong(run.lines().get(0).substring("started ".length()));
        assertThat(Processes.running(pid)).isTrue();
        assertThat(run("echo next").lines()).containsExactly("next");
    }

    @Test
    void outputOfABackgroundJobAfterTheCommandEndedGoesToTheNextCommand()
            throws Exception
    {
        run("mkfifo gate; { read -r _ < gate; echo late; touch printed; } &");

        Run next = run("echo go > gate; while [ ! -e printed ]; do :; done; echo own");

        assertThat(next.lines()).containsExactly("late", "own");
    }

    @Test
    void timeoutKillsTheWholeTreeIncludingAGrandchildAndTheNextCommandGetsAFreshShell()
            throws Exception
    {
        RecordingSink sink = new RecordingSink();
        CommandResult result = session.run("sh -c 'sleep 1000 & echo grandchild $!; wait' & echo child $!; wait", sink, Duration.ofMillis(800));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitStatus()).isEqualTo(CommandResult.TIMED_OUT_EXIT_STATUS);
        assertThat(sink.lines()).hasSize(2);
        for (String line : sink.lines()) {
            long pid = Long.parseLong(line.substring(line.indexOf(' ') + 1));
            await().atMost(Duration.ofSeconds(5)).until(() -> !Processes.running(pid));
        }
        assertThat(run("echo fresh").lines()).containsExactly("fresh");
    }

    @Test
    void timeoutKillsTheShellBeforeItsForegroundCommandSoTheShellNeverReportsTheKill()
            throws Exception
    {
        // bash reports a foreground job that dies of SIGKILL ("line 1: 1234 Killed  sleep 60") if it outlives the
        // job even briefly; the report is a race, so it takes a number of timeouts to show. On a very busy machine the
        // shell may not have printed "started" before the timeout; it must never print anything else.
        for (int attempt = 0; attempt < 25; attempt++) {
            RecordingSink sink = new RecordingSink();
            CommandResult result = session.run("echo started; sleep 60", sink, Duration.ofMillis(100));

            assertThat(result.timedOut()).isTrue();
            assertThat(sink.lines()).as("attempt %d", attempt).allMatch("started"::equals);
        }
    }

    @Test
    void theSweeperListsEveryParentBeforeItsChildrenStartingWithTheShell()
            throws Exception
    {
        Run started = run("(sleep 1000; :) & echo a $!; sh -c 'sleep 1001 & sleep 1002; :' & echo b $!; setsid sleep 1003 & echo c $!; "
                + "sleep 0.2");
        assertThat(started.lines()).hasSize(3);
        long shell = ((LocalShellSession) session).shellPid();

        long lastPid = Long.parseLong(Files.readString(Path.of("/proc/loadavg")).strip().split(" ")[4]);
        List<Long> victims = ProcessSweeper.findSessionAndDescendants(shell, shell, ProcessHandle.current().pid());

        // The pids handed out since the shell started hold the same processes (unless pids wrapped around meanwhile).
        assertThat(lastPid).isGreaterThan(shell);
        assertThat(ProcessSweeper.findSessionAndDescendantsAmong(shell, shell, ProcessHandle.current().pid(), shell, lastPid))
                .containsExactlyInAnyOrderElementsOf(victims);

        assertThat(victims).first().isEqualTo(shell);
        // the shell, its 3 children, and a grandchild sleep under each of the first two
        assertThat(victims).hasSizeGreaterThanOrEqualTo(7);
        for (int index = 0; index < victims.size(); index++) {
            long parent = Processes.parent(victims.get(index));
            int parentIndex = victims.indexOf(parent);
            assertThat(parentIndex).as("parent %d of %d", parent, victims.get(index)).isLessThan(index);
        }
    }

    @Test
    void timeoutKillsADescendantThatStartedItsOwnSession()
            throws Exception
    {
        RecordingSink sink = new RecordingSink();
        CommandResult result = session.run("setsid sleep 1000 & echo escaped $!; wait", sink, Duration.ofMillis(800));

        assertThat(result.timedOut()).isTrue();
        long pid = Long.parseLong(sink.lines().get(0).substring("escaped ".length()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !Processes.running(pid));
    }

    @Test
    void timeoutKillsACommandThatIgnoresTerminationSignals()
            throws Exception
    {
        CommandResult result = session.run("trap '' TERM INT HUP; sleep 1000", LogSink.discard(), Duration.ofMillis(500));

        assertThat(result.timedOut()).isTrue();
        assertThat(run("echo alive").lines()).containsExactly("alive");
    }

    @Test
    void nonPositiveTimeoutTimesOutWithoutRunningTheCommand()
            throws Exception
    {
        CommandResult result = session.run("touch ran", LogSink.discard(), Duration.ZERO);

        assertThat(result.timedOut()).isTrue();
        assertThat(workspace.resolve("ran")).doesNotExist();
        assertThat(run("echo ok").lines()).containsExactly("ok");
    }

    @Test
    void interruptDuringALongSleepThrowsPromptlyAndKillsTheTree()
            throws Exception
    {
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            RecordingSink sink = new RecordingSink();
            Future<CommandResult> running = threads.submit(() -> session.run("sleep 1000 & echo child $!; wait", sink, Duration.ofHours(1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> !sink.lines().isEmpty());
            long child = Long.parseLong(sink.lines().get(0).substring("child ".length()));

            threads.shutdownNow();

            // The call returned long before 'sleep 1000' would have ended; the deadline only guards against a hang.
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).as("the interrupted run returned").isTrue();
            assertThatThrownBy(running::get).hasCauseInstanceOf(InterruptedException.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> !Processes.running(child));
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(run("echo after").lines()).containsExactly("after");
    }

    @Test
    void interruptedCallerIsRefusedBeforeTheCommandStarts()
    {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> session.run("touch ran", LogSink.discard(), TIMEOUT)).isInstanceOf(InterruptedException.class);
        assertThat(workspace.resolve("ran")).doesNotExist();
    }

    @Test
    void closeKillsBackgroundProcessesAndIsIdempotent()
            throws Exception
    {
        long pid = Long.parseLong(run("sleep 1000 & echo $!").lines().get(0));

        session.close();
        session.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !Processes.running(pid));
        assertThatThrownBy(() -> session.run("true", LogSink.discard(), TIMEOUT)).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void closeKillsAnOrphanedMemberOfTheSessionAndADescendantInASessionOfItsOwn()
            throws Exception
    {
        // The first sleep's parent (a subshell) has ended: only its session ties it to the build. The second left the
        // session, but its parent still lives.
        List<String> lines = run("(sleep 1000 & echo $!); sh -c 'setsid sleep 1001 & echo $!; wait' & sleep 0.2").lines();
        assertThat(lines).hasSize(2);

        session.close();

        for (String line : lines) {
            long pid = Long.parseLong(line);
            await().atMost(Duration.ofSeconds(5)).until(() -> !Processes.running(pid));
        }
    }

    @Test
    void closeFromAnotherThreadEndsARunningCommand()
            throws Exception
    {
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            RecordingSink sink = new RecordingSink();
            Future<CommandResult> running = threads.submit(() -> session.run("echo started; sleep 1000", sink, Duration.ofHours(1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> !sink.lines().isEmpty());

            environment.close();

            assertThatThrownBy(() -> running.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
        }
        finally {
            threads.shutdownNow();
        }
    }

    @Test
    void privateCommandDirectoryIsOutsideTheWorkspaceAndRemovedAtClose()
            throws Exception
    {
        String directory = run("dirname \"${BASH_SOURCE[0]}\"").lines().get(0);

        assertThat(Path.of(directory).startsWith(workspace)).isFalse();
        assertThat(Files.getPosixFilePermissions(Path.of(directory))).hasSize(3);
        session.close();
        assertThat(Path.of(directory)).doesNotExist();
    }

    @Test
    void sessionRunsManyCommandsInARow()
            throws Exception
    {
        run("count=0");
        for (int i = 0; i < 500; i++) {
            session.run("count=$((count + 1))", LogSink.discard(), TIMEOUT);
        }

        assertThat(run("echo $count").lines()).containsExactly("500");
    }
}
