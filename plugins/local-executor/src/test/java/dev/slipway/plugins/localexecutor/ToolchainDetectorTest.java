package dev.slipway.plugins.localexecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import dev.slipway.api.executor.Toolchain;

import static org.assertj.core.api.Assertions.assertThat;

/** Detection over a directory tree laid out like a machine with several toolchains installed. */
class ToolchainDetectorTest
{
    @TempDir
    Path temp;

    private Path root;
    private Path home;
    private Path shims;

    @BeforeEach
    void setUp()
            throws IOException
    {
        root = Files.createDirectories(temp.resolve("root"));
        home = Files.createDirectories(temp.resolve("home"));
        shims = temp.resolve("data/toolchain-shims");
    }

    private ToolchainDetector detector()
    {
        return new ToolchainDetector(new ToolchainDetector.Locations(root, home, Optional.empty()), shims, LoggerFactory.getLogger("test"));
    }

    private static Path executable(Path path)
            throws IOException
    {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }

    private Path jdk(String name, String javaVersion)
            throws IOException
    {
        Path jdk = root.resolve("usr/lib/jvm").resolve(name);
        executable(jdk.resolve("bin/java"));
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + javaVersion + "\"\n");
        return jdk;
    }

    private static List<Toolchain> of(List<Toolchain> toolchains, String runtime)
    {
        return toolchains.stream().filter(toolchain -> toolchain.runtime().equals(runtime)).toList();
    }

    private static List<String> names(Toolchain toolchain)
    {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(toolchain.version()), toolchain.aliases().stream()).toList();
    }

    @Test
    void jdksAreOfferedUnderCodeBuildNamesNewestFirst()
            throws IOException
    {
        Path jdk17 = jdk("java-17-openjdk-amd64", "17.0.15");
        Files.createSymbolicLink(root.resolve("usr/lib/jvm/java-1.17.0-openjdk-amd64"), Path.of("java-17-openjdk-amd64"));
        jdk("temurin-21-jdk", "21.0.3");
        jdk("zulu-17", "17.0.9");
        jdk("java-8-openjdk", "1.8.0_392");
        Files.createDirectories(root.resolve("usr/lib/jvm/openjdk-17"));

        List<Toolchain> java = of(detector().detect(), "java");

        assertThat(java).extracting(ToolchainDetectorTest::names).containsExactly(
                List.of("corretto21", "openjdk21", "21", "21.0.3"),
                List.of("corretto17", "openjdk17", "17", "17.0.15"),
                List.of("17.0.9"),
                List.of("corretto8", "openjdk8", "8", "1.8.0_392"));
        assertThat(java.get(1).variables()).containsExactly(Map.entry("JAVA_HOME", jdk17.toString()));
        assertThat(java.get(1).pathEntries()).containsExactly(jdk17.resolve("bin").toString());
    }

    @Test
    void pythonsFromPyenvWinOverTheSameSystemVersionAndSystemPythonsGetShims()
            throws IOException
    {
        Path pyenv311 = executable(home.resolve(".pyenv/versions/3.11.9/bin/python")).getParent();
        executable(home.resolve(".pyenv/versions/3.9.18/bin/python"));
        executable(home.resolve(".pyenv/versions/miniconda3-latest/bin/python"));
        executable(root.resolve("usr/bin/python3.11"));
        Path system313 = executable(root.resolve("usr/bin/python3.13"));
        executable(root.resolve("usr/bin/python3.11-config"));

        List<Toolchain> python = of(detector().detect(), "python");

        assertThat(python).extracting(ToolchainDetectorTest::names).containsExactly(List.of("3.13"), List.of("3.11", "3.11.9"), List.of("3.9", "3.9.18"));
        assertThat(python.get(1).pathEntries()).containsExactly(pyenv311.toString());
        Path shimBin = Path.of(python.get(0).pathEntries().get(0));
        assertThat(shimBin).isEqualTo(shims.resolve("python-3.13/bin"));
        for (String name : List.of("python", "python3", "python3.13")) {
            assertThat(Files.readSymbolicLink(shimBin.resolve(name))).isEqualTo(system313);
        }
        assertThat(shimBin.resolve("pip")).content().contains(system313 + "' -m pip");
        assertThat(Files.isExecutable(shimBin.resolve("pip3"))).isTrue();
    }

    @Test
    void goNodeRubyPhpAndDotnetAreFound()
            throws IOException
    {
        Path go = executable(root.resolve("usr/local/go/bin/go")).getParent().getParent();
        Files.writeString(go.resolve("VERSION"), "go1.22.4\ntime 2024-05-30T19:26:07Z\n");
        executable(root.resolve("usr/lib/go-1.19/bin/go"));
        executable(home.resolve(".nvm/versions/node/v20.11.0/bin/node"));
        executable(home.resolve(".nvm/versions/node/v18.19.1/bin/node"));
        executable(home.resolve(".rbenv/versions/3.2.2/bin/ruby"));
        executable(root.resolve("usr/bin/ruby"));
        executable(root.resolve("usr/bin/gem"));
        Files.createDirectories(root.resolve("usr/lib/ruby/3.1.0"));
        Files.createDirectories(root.resolve("usr/lib/ruby/vendor_ruby"));
        Path php = executable(root.resolve("usr/bin/php8.2"));
        Path dotnet = executable(root.resolve("usr/share/dotnet/dotnet")).getParent();
        Files.createDirectories(dotnet.resolve("shared/Microsoft.NETCore.App/8.0.5"));
        Files.createDirectories(dotnet.resolve("shared/Microsoft.NETCore.App/6.0.30"));

        List<Toolchain> toolchains = detector().detect();

        assertThat(of(toolchains, "golang")).extracting(ToolchainDetectorTest::names).containsExactly(List.of("1.22", "1.22.4"), List.of("1.19"));
        assertThat(of(toolchains, "golang").get(0).variables()).containsEntry("GOROOT", go.toString());
        assertThat(of(toolchains, "nodejs")).extracting(ToolchainDetectorTest::names).containsExactly(List.of("20", "20.11.0"), List.of("18", "18.19.1"));
        assertThat(of(toolchains, "ruby")).extracting(ToolchainDetectorTest::names).containsExactly(List.of("3.2", "3.2.2"), List.of("3.1"));
        Path rubyShims = Path.of(of(toolchains, "ruby").get(1).pathEntries().get(0));
        assertThat(Files.readSymbolicLink(rubyShims.resolve("gem"))).isEqualTo(root.resolve("usr/bin/gem"));
        assertThat(of(toolchains, "php")).singleElement().satisfies(toolchain -> {
            assertThat(toolchain.version()).isEqualTo("8.2");
            assertThat(Files.readSymbolicLink(Path.of(toolchain.pathEntries().get(0)).resolve("php"))).isEqualTo(php);
        });
        assertThat(of(toolchains, "dotnet")).extracting(ToolchainDetectorTest::names).containsExactly(List.of("8.0", "8.0.5"), List.of("6.0", "6.0.30"));
        assertThat(of(toolchains, "dotnet").get(0).variables()).containsEntry("DOTNET_ROOT", dotnet.toString());
    }

    @Test
    void emptyMachineHasNoToolchains()
    {
        assertThat(detector().detect()).isEmpty();
    }

    @Test
    void configuredEntriesSetTheRuntimesVariablesAndPath()
            throws IOException
    {
        Path jdk = Files.createDirectories(temp.resolve("jdk/bin")).getParent();
        Path python = Files.createDirectories(temp.resolve("python"));

        Toolchain java = ToolchainDetector.configured(ToolchainEntry.parse("java:corretto17=" + jdk));
        Toolchain plain = ToolchainDetector.configured(ToolchainEntry.parse("python:3.12=" + python));

        assertThat(java.variables()).containsExactly(Map.entry("JAVA_HOME", jdk.toString()));
        assertThat(java.pathEntries()).containsExactly(jdk.resolve("bin").toString());
        assertThat(plain.variables()).isEmpty();
        assertThat(plain.pathEntries()).containsExactly(python.toString());
    }

    @Test
    void configuredToolchainsTakePrecedenceOverDetectedOnes()
    {
        Toolchain configured17 = Toolchain.builder("java", "corretto17").variable("JAVA_HOME", "/opt/jdk17").build();
        Toolchain configured21 = Toolchain.builder("java", "21").build();
        Toolchain detected17 = Toolchain.builder("java", "corretto17").alias("17").build();
        Toolchain detected21 = Toolchain.builder("java", "corretto21").alias("openjdk21").alias("21").alias("21.0.3").build();
        Toolchain python = Toolchain.builder("python", "corretto17").build();

        List<Toolchain> merged = LocalExecutor.merge(List.of(configured17, configured21), List.of(detected17, detected21, python));

        assertThat(merged).extracting(ToolchainDetectorTest::names).containsExactly(
                List.of("corretto17"), List.of("21"), List.of("corretto21", "openjdk21", "21.0.3"), List.of("corretto17"));
        assertThat(merged.get(0).variables()).containsEntry("JAVA_HOME", "/opt/jdk17");
    }

    @Test
    void executorDetectsOnceAndKeepsTheTable()
            throws IOException
    {
        Path jdk = jdk("java-17", "17.0.15");
        LocalExecutorConfig config = LocalExecutorConfig.from(LocalExecutorConfig.schema().bind(Map.of()));
        LocalExecutor executor = new LocalExecutor(config, Map.of(), detector(), new WorkspaceAccess(Optional.empty()), 0, temp);

        List<Toolchain> first = executor.toolchains();
        Files.delete(jdk.resolve("release"));

        assertThat(executor.toolchains()).isSameAs(first).hasSize(1);
    }

    @Test
    void detectionCanBeSwitchedOff()
            throws IOException
    {
        jdk("java-17", "17.0.15");
        LocalExecutorConfig config = LocalExecutorConfig.from(LocalExecutorConfig.schema().bind(Map.of("detect-toolchains", false)));

        assertThat(new LocalExecutor(config, Map.of(), detector(), new WorkspaceAccess(Optional.empty()), 0, temp).toolchains()).isEmpty();
    }

    @Test
    void versionsCompareByNumber()
    {
        assertThat(ToolchainDetector.compareVersions("3.9", "3.10")).isNegative();
        assertThat(ToolchainDetector.compareVersions("17.0.15", "17.0.9")).isPositive();
        assertThat(ToolchainDetector.compareVersions("21", "21")).isZero();
    }
}
