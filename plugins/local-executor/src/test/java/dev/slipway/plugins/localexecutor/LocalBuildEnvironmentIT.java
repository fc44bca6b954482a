package dev.slipway.plugins.localexecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.CommandResult;
import dev.slipway.api.executor.LogSink;
import dev.slipway.api.executor.ShellOptions;
import dev.slipway.api.executor.ShellSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** The local build environment: shells, files, environment variables and run-as, on the real machine. */
class LocalBuildEnvironmentIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, String> SERVER_ENVIRONMENT = Map.of(
            "PATH", "/usr/local/bin:/usr/bin:/bin",
            "HOME", "/root",
            "LANG", "C.UTF-8",
            "SLIPWAY_MASTER_KEY", "server-secret",
            "AWS_SECRET_ACCESS_KEY", "also-secret");

    @TempDir
    Path temp;

    private Path workspace;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void setUp()
            throws IOException
    {
        workspace = Files.createDirectory(temp.resolve("workspace"));
    }

    @AfterEach
    void tearDown()
            throws Exception
    {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private LocalExecutor executor(Map<String, ?> config, WorkspaceAccess access, long serverUid)
            throws IOException
    {
        LocalExecutorConfig executorConfig = LocalExecutorConfig.from(LocalExecutorConfig.schema().bind(config));
        ToolchainDetector detector = new ToolchainDetector(new ToolchainDetector.Locations(Files.createDirectories(temp.resolve("root")),
                Files.createDirectories(temp.resolve("home")), Optional.empty()), temp.resolve("shims"), LoggerFactory.getLogger("test"));
        LocalExecutor executor = new LocalExecutor(executorConfig, SERVER_ENVIRONMENT, detector, access, serverUid, Path.of(System.getProperty("java.io.tmpdir")));
        toClose.add(executor);
        return executor;
    }

    private BuildEnvironment environment()
            throws Exception
    {
        return environment(executor(Map.of(), WorkspaceAccess.detect(), UserAccount.currentUid()));
    }

    private BuildEnvironment environment(LocalExecutor executor)
            throws Exception
    {
        BuildEnvironment environment = executor.provision(TestingContexts.request(workspace), TestingContexts.build(LogSink.discard()));
        toClose.add(environment);
        return environment;
    }

    private static List<String> run(ShellSession session, String command)
            throws Exception
    {
        RecordingSink sink = new RecordingSink();
        CommandResult result = session.run(command, sink, TIMEOUT);
        assertThat(result.exitStatus()).as("status of %s, output %s", command, sink.lines()).isZero();
        return sink.lines();
    }

    private ShellOptions.Builder options()
    {
        return ShellOptions.builder(workspace.toString());
    }

    @Test
    void provisionRejectsAWorkspaceThatIsNotADirectory()
            throws IOException
    {
        LocalExecutor executor = executor(Map.of(), WorkspaceAccess.detect(), 0);

        assertThatThrownBy(() -> executor.provision(TestingContexts.request(temp.resolve("missing")), TestingContexts.build(LogSink.discard())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("missing").hasMessageContaining("not a directory");
    }

    @Test
    void provisionSaysThatAnImageIsNotUsed()
            throws Exception
    {
        RecordingSink log = new RecordingSink();

        executor(Map.of(), WorkspaceAccess.detect(), 0).provision(TestingContexts.request(workspace, Optional.of("local/debian:bookworm")), TestingContexts.build(log))
                .close();

        assertThat(log.lines()).singleElement().asString().contains("local/debian:bookworm").contains("not used");
    }

    @Test
    void capacityIsTheConfiguredSlots()
            throws IOException
    {
        assertThat(executor(Map.of("slots", 3), WorkspaceAccess.detect(), 0).capacity()).isEqualTo(3);
        assertThat(executor(Map.of(), WorkspaceAccess.detect(), 0).capacity()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void workspacePathIsTheWorkspaceAndHostPathsAreTheEnvironmentsPaths()
            throws Exception
    {
        BuildEnvironment environment = environment();

        assertThat(environment.workspacePath()).isEqualTo(workspace.toString());
        assertThat(environment.hostPath(workspace.resolve("out/app.jar").toString())).contains(workspace.resolve("out/app.jar"));
        assertThat(environment.hostPath("out/app.jar")).contains(workspace.resolve("out/app.jar"));
        assertThat(environment.hostPath("/etc/hosts")).contains(Path.of("/etc/hosts"));
    }

    @Test
    void baseEnvironmentHoldsOnlyTheAllowListedServerVariables()
            throws Exception
    {
        BuildEnvironment environment = environment();

        assertThat(environment.baseEnvironment()).containsOnlyKeys("PATH", "HOME", "LANG");
        ShellSession session = environment.openShell(options().build());
        assertThat(run(session, "env | grep -c -e SLIPWAY_MASTER_KEY -e AWS_SECRET_ACCESS_KEY || true")).containsExactly("0");
        assertThat(run(session, "echo \"$LANG\"")).containsExactly("C.UTF-8");
    }

    @Test
    void allowListIsConfigurable()
            throws Exception
    {
        BuildEnvironment environment = environment(executor(Map.of("pass-environment", List.of("PATH", "AWS_SECRET_ACCESS_KEY")), WorkspaceAccess.detect(), 0));

        assertThat(environment.baseEnvironment()).containsOnlyKeys("PATH", "AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void optionsVariablesOverrideTheBaseEnvironment()
            throws Exception
    {
        ShellSession session = environment().openShell(options().variable("LANG", "en_GB.UTF-8").variable("CI", "true").build());

        assertThat(run(session, "echo \"$LANG $CI\"")).containsExactly("en_GB.UTF-8 true");
    }

    @Test
    void defaultShellIsBash()
            throws Exception
    {
        ShellSession session = environment().openShell(options().build());

        assertThat(run(session, "echo \"${BASH_VERSION:+bash}\"")).containsExactly("bash");
    }

    @Test
    void shellOptionSelectsShAndThePersistentSessionWorksThere()
            throws Exception
    {
        for (String shell : List.of("sh", "/bin/sh")) {
            ShellSession session = environment().openShell(options().shell(shell).build());

            run(session, "cd /; VALUE=kept; set -u");
            assertThat(run(session, "echo \"${BASH_VERSION:-no bash} $(pwd) $VALUE\"")).containsExactly("no bash / kept");
            assertThat(session.run("printf partial; (exit 5)", LogSink.discard(), TIMEOUT).exitStatus()).isEqualTo(5);
            RecordingSink sink = new RecordingSink();
            assertThat(session.run("printf partial", sink, TIMEOUT).exitStatus()).isZero();
            assertThat(sink.lines()).containsExactly("partial");
            assertThat(session.run("exit 4", LogSink.discard(), TIMEOUT).exitStatus()).isEqualTo(4);
            assertThat(run(session, "echo \"${VALUE:-fresh}\"")).containsExactly("fresh");
            run(session, "set -x");
            List<String> traced = run(session, "echo traced");
            assertThat(traced).hasSize(2).last().isEqualTo("traced");
            assertThat(traced.get(0)).endsWith("+ echo traced");
            run(session, "exec 9>" + temp.resolve("lock-" + shell.length()));
            assertThat(run(session, "set +x; echo \"after fd 9\"")).last().isEqualTo("after fd 9");
        }
    }

    @Test
    void bashByAbsolutePathWorks()
            throws Exception
    {
        ShellSession session = environment().openShell(options().shell("/bin/bash").build());

        assertThat(run(session, "echo \"${BASH_VERSION:+bash}\"")).containsExactly("bash");
    }

    @Test
    void unknownShellFailsOpenShellWithAMessage()
            throws Exception
    {
        BuildEnvironment environment = environment();

        assertThatThrownBy(() -> environment.openShell(options().shell("powershell.exe").build()))
                .isInstanceOf(IOException.class).hasMessageContaining("'powershell.exe' was not found");
        assertThatThrownBy(() -> environment.openShell(options().shell("/no/such/shell").build()))
                .isInstanceOf(IOException.class).hasMessageContaining("'/no/such/shell' does not exist");
    }

    @Test
    void programThatIsNoShellFailsOpenShellWithAMessage()
            throws Exception
    {
        BuildEnvironment environment = environment();

        assertThatThrownBy(() -> environment.openShell(options().shell("/bin/false").build()))
                .isInstanceOf(IOException.class).hasMessageContaining("exited with status 1").hasMessageContaining("POSIX shell");
    }

    @Test
    void missingWorkingDirectoryFailsOpenShell()
            throws Exception
    {
        BuildEnvironment environment = environment();

        assertThatThrownBy(() -> environment.openShell(ShellOptions.builder(workspace.resolve("nope").toString()).build()))
                .isInstanceOf(IOException.class).hasMessageContaining("nope");
    }

    @Test
    void relativeWorkingDirectoryIsInsideTheWorkspace()
            throws Exception
    {
        Files.createDirectory(workspace.resolve("module"));

        ShellSession session = environment().openShell(ShellOptions.builder("module").build());

        assertThat(run(session, "pwd")).containsExactly(workspace.resolve("module").toRealPath().toString());
    }

    @Test
    void closeKillsEveryOpenSessionAndIsIdempotent()
            throws Exception
    {
        BuildEnvironment environment = environment();
        ShellSession first = environment.openShell(options().build());
        ShellSession second = environment.openShell(options().build());
        long firstChild = Long.parseLong(run(first, "sleep 1000 & echo $!").get(0));
        long secondChild = Long.parseLong(run(second, "sleep 1000 & echo $!").get(0));

        environment.close();
        environment.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !Processes.running(firstChild) && !Processes.running(secondChild));
        assertThat(((LocalBuildEnvironment) environment).openSessions()).isEmpty();
        assertThatThrownBy(() -> environment.openShell(options().build())).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void closingASessionForgetsIt()
            throws Exception
    {
        LocalBuildEnvironment environment = (LocalBuildEnvironment) environment();
        ShellSession session = environment.openShell(options().build());

        session.close();

        assertThat(environment.openSessions()).isEmpty();
    }

    @Test
    void uploadAndDownloadRoundTripATreeWithExecutableBitsAndSymlinks()
            throws Exception
    {
        Path source = Files.createDirectories(temp.resolve("source/bin"));
        Files.writeString(source.resolve("run.sh"), "#!/bin/sh\necho ran\n");
        Files.setPosixFilePermissions(source.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(source.getParent().resolve("data.txt"), "data");
        Files.createDirectories(source.getParent().resolve("empty"));
        Files.createDirectories(source.getParent().resolve(".hidden/deep"));
        Files.writeString(source.getParent().resolve(".hidden/deep/.dotfile"), "dot");
        Files.createSymbolicLink(source.getParent().resolve("link-to-data"), Path.of("data.txt"));
        Files.createSymbolicLink(source.getParent().resolve("dangling"), Path.of("no-such-target"));
        BuildEnvironment environment = environment();

        environment.upload(source.getParent(), "uploaded");
        Path back = temp.resolve("back");
        environment.download(workspace.resolve("uploaded").toString(), back);

        for (Path tree : List.of(workspace.resolve("uploaded"), back)) {
            assertThat(tree.resolve("bin/run.sh")).hasContent("#!/bin/sh\necho ran");
            assertThat(Files.getPosixFilePermissions(tree.resolve("bin/run.sh"))).isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
            assertThat(tree.resolve("data.txt")).hasContent("data");
            assertThat(tree.resolve("empty")).isEmptyDirectory();
            assertThat(tree.resolve(".hidden/deep/.dotfile")).hasContent("dot");
            assertThat(Files.isSymbolicLink(tree.resolve("link-to-data"))).isTrue();
            assertThat(Files.readSymbolicLink(tree.resolve("link-to-data"))).isEqualTo(Path.of("data.txt"));
            assertThat(Files.readSymbolicLink(tree.resolve("dangling"))).isEqualTo(Path.of("no-such-target"));
        }
        ShellSession session = environment.openShell(options().build());
        assertThat(run(session, "uploaded/bin/run.sh")).containsExactly("ran");
    }

    @Test
    void uploadReplacesExistingFilesAndCopiesASingleFile()
            throws Exception
    {
        Files.writeString(workspace.resolve("config.json"), "old");
        Path file = Files.writeString(temp.resolve("config.json"), "new");
        BuildEnvironment environment = environment();

        environment.upload(file, "config.json");
        environment.upload(file, workspace.resolve("nested/dir/config.json").toString());

        assertThat(workspace.resolve("config.json")).hasContent("new");
        assertThat(workspace.resolve("nested/dir/config.json")).hasContent("new");
    }

    @Test
    void downloadOfAMissingPathThrowsNoSuchFile()
            throws Exception
    {
        BuildEnvironment environment = environment();

        assertThatThrownBy(() -> environment.download("no/such/file", temp.resolve("target"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void interruptedUploadStopsWithInterruptedException()
            throws Exception
    {
        Path source = Files.createDirectories(temp.resolve("many"));
        for (int i = 0; i < 10; i++) {
            Files.writeString(source.resolve("file" + i), "x");
        }
        BuildEnvironment environment = environment();

        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> environment.upload(source, "copy")).isInstanceOf(InterruptedException.class);
    }

    @Test
    void runAsTheServersOwnUserNeedsNoSwitch()
            throws Exception
    {
        String self = run(environment().openShell(options().build()), "id -un").get(0);

        ShellSession session = environment().openShell(options().runAs(self).build());

        assertThat(run(session, "id -un")).containsExactly(self);
    }

    @Test
    void runAsAnUnknownUserFailsOpenShell()
            throws Exception
    {
        BuildEnvironment environment = environment();

        assertThatThrownBy(() -> environment.openShell(options().runAs("no-such-user-slipway").build()))
                .isInstanceOf(IOException.class).hasMessageContaining("'no-such-user-slipway' does not exist");
    }

    @Test
    void runAsAnotherUserIsRefusedWhenTheServerIsNotRoot()
            throws Exception
    {
        BuildEnvironment environment = environment(executor(Map.of(), WorkspaceAccess.detect(), 1000));

        assertThatThrownBy(() -> environment.openShell(options().runAs("nobody").build()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("run-as user 'nobody' needs the Slipway server to run as root")
                .hasMessageContaining("uid 1000");
    }

    @Test
    void runAsStartsTheShellAsThatUserWithReadAndRunAccessToTheWorkspace()
            throws Exception
    {
        assumeThat(UserAccount.currentUid()).as("switching users needs root").isZero();
        assumeThat(WorkspaceAccess.detect().usesAccessControlLists()).as("setfacl (package acl) is installed").isTrue();
        Files.writeString(workspace.resolve("notes.txt"), "readable\n");
        Path script = Files.writeString(Files.createDirectory(workspace.resolve("tools")).resolve("hello.sh"), "#!/bin/sh\necho hello from $(id -un)\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwx------"));

        ShellSession session = environment().openShell(options().runAs("nobody").build());

        assertThat(run(session, "id -un; echo \"$HOME $USER $LOGNAME\"")).containsExactly("nobody", "/nonexistent nobody nobody");
        assertThat(run(session, "cat notes.txt; tools/hello.sh")).containsExactly("readable", "hello from nobody");
        assertThat(session.run("touch written", LogSink.discard(), TIMEOUT).exitStatus()).isNotZero();
        assertThat(run(session, "cd tools; echo \"$(pwd)\"")).containsExactly(workspace.resolve("tools").toString());
        // Only the one user got access: the mode bits for others are unchanged.
        assertThat(Files.getPosixFilePermissions(workspace)).doesNotContain(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
    }

    @Test
    void runAsWithoutSetfaclOpensTheWorkspaceToOthersAndNamesAnAncestorItCannotEnter()
            throws Exception
    {
        assumeThat(UserAccount.currentUid()).as("switching users needs root").isZero();
        Files.writeString(workspace.resolve("notes.txt"), "readable\n");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx------"));
        BuildEnvironment environment = environment(executor(Map.of(), new WorkspaceAccess(Optional.empty()), 0));

        assertThatThrownBy(() -> environment.openShell(options().runAs("nobody").build()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("may not enter " + temp)
                .hasMessageContaining("'acl' package");

        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx-----x"));
        ShellSession session = environment.openShell(options().runAs("nobody").build());

        assertThat(run(session, "id -un; cat notes.txt")).containsExactly("nobody", "readable");
        assertThat(Files.getPosixFilePermissions(workspace.resolve("notes.txt"))).contains(PosixFilePermission.OTHERS_READ);
    }

    @Test
    void toolchainsComeFromTheExecutor()
            throws Exception
    {
        Path jdk = Files.createDirectories(temp.resolve("jdk17"));
        LocalExecutor executor = executor(Map.of("toolchains", List.of("java:corretto17=" + jdk), "detect-toolchains", false), WorkspaceAccess.detect(), 0);

        assertThat(environment(executor).toolchains()).singleElement().satisfies(toolchain -> {
            assertThat(toolchain.runtime()).isEqualTo("java");
            assertThat(toolchain.version()).isEqualTo("corretto17");
            assertThat(toolchain.variables()).containsEntry("JAVA_HOME", jdk.toString());
        });
    }
}
