package dev.slipway.plugins.localexecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import dev.slipway.api.executor.CommandResult;
import dev.slipway.api.executor.LogSink;
import dev.slipway.api.executor.ShellOptions;
import dev.slipway.api.executor.ShellSession;
import dev.slipway.api.executor.Toolchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Detection that runs programs: a system-wide Node.js is asked for its version; the machine's own JDK is found. */
class ToolchainDetectorIT
{
    @TempDir
    Path temp;

    @Test
    void systemNodeIsAskedForItsVersionAndGetsShims()
            throws IOException
    {
        Path root = temp.resolve("root");
        Path node = root.resolve("usr/bin/node");
        Files.createDirectories(node.getParent());
        Files.writeString(node, "#!/bin/sh\necho v18.19.1\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(node, root.resolve("usr/bin/npm"));
        ToolchainDetector detector = new ToolchainDetector(new ToolchainDetector.Locations(root, temp.resolve("home"), Optional.empty()),
                temp.resolve("shims"), LoggerFactory.getLogger("test"));

        List<Toolchain> nodes = detector.detect().stream().filter(toolchain -> toolchain.runtime().equals("nodejs")).toList();

        assertThat(nodes).singleElement().satisfies(toolchain -> {
            assertThat(toolchain.version()).isEqualTo("18");
            assertThat(toolchain.aliases()).containsExactly("18.19.1");
            Path shims = Path.of(toolchain.pathEntries().get(0));
            assertThat(Files.readSymbolicLink(shims.resolve("node"))).isEqualTo(node);
            assertThat(Files.readSymbolicLink(shims.resolve("npm"))).isEqualTo(root.resolve("usr/bin/npm"));
        });
    }

    @Test
    void theRunningJdkIsDetectedAndUsableFromAShell()
            throws Exception
    {
        Path javaHome = Path.of(System.getProperty("java.home"));
        assumeThat(javaHome.startsWith("/usr/lib/jvm")).as("the JDK running the tests lives under /usr/lib/jvm").isTrue();
        ToolchainDetector detector = new ToolchainDetector(ToolchainDetector.Locations.ofMachine(Map.of("HOME", temp.toString())),
                temp.resolve("shims"), LoggerFactory.getLogger("test"));
        String feature = Integer.toString(Runtime.version().feature());

        Toolchain java = detector.detect().stream()
                .filter(toolchain -> toolchain.runtime().equals("java") && toolchain.aliases().contains(feature))
                .findFirst().orElseThrow();

        assertThat(java.version()).isEqualTo("corretto" + feature);
        Path workspace = Files.createDirectory(temp.resolve("workspace"));
        LocalExecutorConfig config = LocalExecutorConfig.from(LocalExecutorConfig.schema().bind(Map.of("detect-toolchains", false)));
        try (LocalExecutor executor = new LocalExecutor(config, System.getenv(), detector, WorkspaceAccess.detect());
                var environment = executor.provision(TestingContexts.request(workspace), TestingContexts.build(LogSink.discard()));
                ShellSession session = environment.openShell(ShellOptions.builder(workspace.toString())
                        .variable("JAVA_HOME", java.variables().get("JAVA_HOME"))
                        .variable("PATH", java.pathEntries().get(0) + ":/usr/bin:/bin")
                        .build())) {
            RecordingSink sink = new RecordingSink();
            CommandResult result = session.run("java -version 2>&1 | head -1", sink, Duration.ofSeconds(60));

            assertThat(result.exitStatus()).isZero();
            assertThat(sink.lines()).singleElement().asString().contains("\"" + feature);
        }
    }
}
