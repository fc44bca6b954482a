package dev.slipway.server.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.server.testing.ChildServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code slipway run} as a person runs it: {@code dev.slipway.server.bootstrap.Main} in a child JVM, with a Slipway
 * home whose {@code plugins/} holds the bundled local-executor plugin zip, loaded through the server's plugin
 * runtime. Only a real process shows exit codes, signals and what reaches the terminal.
 */
class SlipwayRunProcessIT
{
    @TempDir
    Path directory;

    /** The home the build prepared: {@code plugins/local-executor-*.zip} (see the server's pom). */
    static Path home()
    {
        Path home = Path.of(System.getProperty("slipway.it.home", "target/it-slipway-home"));
        assertThat(home.resolve("plugins")).as("the test home with the bundled plugin (built by mvn verify)").isDirectory();
        return home.toAbsolutePath();
    }

    private Path source(String buildspec)
            throws IOException
    {
        Path source = Files.createDirectories(directory.resolve("project"));
        Files.writeString(source.resolve("buildspec.yml"), buildspec);
        return source;
    }

    @Test
    void runsABuildOnTheBundledLocalExecutorPlugin()
            throws IOException
    {
        Path source = source("version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi from $CODEBUILD_BUILD_ID\n");

        try (ChildServer run = ChildServer.start(home(), Map.of(), "run", "--source", source.toString(), "--artifacts-dir", directory.resolve("out").toString())) {
            assertThat(run.awaitExit()).as(run.output()).isZero();
            assertThat(run.output()).contains("==> BUILD\n$ echo hi from $CODEBUILD_BUILD_ID\nhi from project:").containsPattern("(?m)^Build SUCCEEDED in ");
            // Routine log lines of the plugin runtime stay out of the build's output.
            assertThat(run.output()).doesNotContain(" INFO ", "Plugin 'local-executor'");
        }
    }

    @Test
    void ctrlCStopsTheBuildKillsItsProcessTreeAndExits130()
            throws Exception
    {
        Path source = source("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - sh -c 'sleep 300 & echo $! > grandchild.pid; wait' &
                      - while [ ! -s grandchild.pid ]; do sleep 0.05; done
                      - echo "grandchild $(cat grandchild.pid)"
                      - echo READY
                      - sleep 300
                  post_build:
                    commands:
                      - echo post_build must not run
                """);

        try (ChildServer run = ChildServer.start(home(), Map.of(), "run", "--source", source.toString())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> run.lines().contains("READY"));
            Matcher grandchild = Pattern.compile("(?m)^grandchild ([0-9]+)$").matcher(run.output());
            assertThat(grandchild.find()).isTrue();
            long pid = Long.parseLong(grandchild.group(1));
            assertThat(ProcessHandle.of(pid)).isPresent();

            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(run.process().pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();

            assertThat(run.awaitExit()).as(run.output()).isEqualTo(RunExitCodes.STOPPED);
            assertThat(run.output()).contains("<== BUILD STOPPED (", "BUILD_STOPPED: Stopped: slipway run was interrupted (Ctrl-C or SIGTERM)")
                    .containsPattern("(?m)^Build STOPPED in ").doesNotContain("post_build must not run");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the build's background grandchild %s", pid).isEmpty());
        }
    }

    @Test
    void withoutThePluginsDirectoryItSaysWhereTheExecutorIsLookedFor()
            throws IOException
    {
        Path emptyHome = Files.createDirectories(directory.resolve("empty-home"));
        Path source = source("version: 0.2\nphases:\n  build:\n    commands: [echo hi]\n");

        try (ChildServer run = ChildServer.start(emptyHome, Map.of(), "run", "--source", source.toString())) {
            assertThat(run.awaitExit()).as(run.output()).isEqualTo(RunExitCodes.NOT_STARTED);
            assertThat(run.output()).contains("slipway run: the plugins directory " + emptyHome.resolve("plugins")
                    + " does not exist; slipway run needs the bundled local-executor plugin there");
        }
    }

    @Test
    void buildspecLintIsASubcommand()
            throws IOException
    {
        Path file = directory.resolve("buildspec.yml");
        Files.writeString(file, "version: 0.2\nphases:\n  biuld:\n    commands: [echo hi]\n");

        try (ChildServer lint = ChildServer.start(home(), Map.of(), "buildspec", "lint", file.toString())) {
            assertThat(lint.awaitExit()).as(lint.output()).isEqualTo(1);
            assertThat(lint.output()).contains(file + ":3:3: error: phases.biuld: ");
        }
    }
}
