package dev.slipway.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/slipway}, the launcher, with a hand-written stand-in for the JVM: a {@code bin/java} script in a fake
 * {@code JAVA_HOME} that prints the arguments and environment it was started with (or a version, when asked), so that
 * the launcher's choices show without starting a JVM.
 */
class LauncherIT
{
    private static final String RUNTIME = "17.0.99+7-fake";

    @TempDir
    Path directory;

    private Installation installation;
    private Path fakeJavaHome;

    @BeforeEach
    void unpack()
            throws IOException
    {
        installation = Installation.unpack(directory);
        fakeJavaHome = fakeJava("fake-jdk", "JAVA_VERSION=\"17.0.99\"\nJAVA_RUNTIME_VERSION=\"" + RUNTIME + "\"\n", "");
    }

    @Test
    void startsMainWithTheDefaultOptionsTheLibraryJarsAndTheArgumentsUnchanged()
    {
        List<String> java = launch(Map.of("JAVA_HOME", fakeJavaHome.toString()), "server", "--config", "my config.yml");

        assertThat(java).contains("-XX:+UseSerialGC", "-Xmx512m");
        String classpath = java.get(java.indexOf("-cp") + 1);
        assertThat(classpath.split(":")).allMatch(entry -> entry.startsWith(installation.home() + "/lib/") && entry.endsWith(".jar"))
                .anyMatch(entry -> entry.contains("/slipway-server-"));
        assertThat(java.subList(java.indexOf("dev.slipway.server.bootstrap.Main"), java.size()))
                .containsExactly("dev.slipway.server.bootstrap.Main", "server", "--config", "my config.yml", "SLIPWAY_HOME=" + installation.home());
    }

    @Test
    void slipwayJavaOptsReplaceTheDefaultOptions()
    {
        List<String> java = launch(Map.of("JAVA_HOME", fakeJavaHome.toString(), "SLIPWAY_JAVA_OPTS", "-Xmx2g -Dfoo=bar"), "--version");

        assertThat(java).contains("-Xmx2g", "-Dfoo=bar").doesNotContain("-Xmx512m", "-XX:+UseSerialGC");
    }

    @Test
    void aSymlinkToTheLauncherFindsTheRealHome()
            throws IOException
    {
        Path link = Files.createSymbolicLink(directory.resolve("slipway-link"), installation.home().resolve("bin/slipway"));
        ProcessBuilder builder = installation.command(Map.of("JAVA_HOME", fakeJavaHome.toString()), "--version");
        builder.command().set(0, link.toString());

        Installation.Result result = Installation.run(builder, directory.resolve("java.log"));

        assertThat(result.lines()).last().isEqualTo("SLIPWAY_HOME=" + installation.home());
    }

    @Test
    void javaOlderThan17IsRefusedWithTheVersionItFound()
            throws IOException
    {
        Path oldJava = fakeJava("jdk-11", "JAVA_VERSION=\"11.0.22\"\n", "");

        Installation.Result result = Installation.run(installation.command(Map.of("JAVA_HOME", oldJava.toString()), "server"), directory.resolve("out.log"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).isEqualTo("slipway: Slipway needs Java 17 or newer, but " + oldJava + "/bin/java is Java 11.0.22. "
                + "Set JAVA_HOME to a Java 17+ installation (Debian and Ubuntu: apt-get install openjdk-17-jre-headless).\n");
    }

    @Test
    void withoutAReleaseFileTheVersionComesFromJavaVersion()
            throws IOException
    {
        Path java8 = fakeJava("jre-8", null, "java version \"1.8.0_402\"");

        Installation.Result result = Installation.run(installation.command(Map.of("JAVA_HOME", java8.toString()), "server"), directory.resolve("out.log"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("needs Java 17 or newer, but " + java8 + "/bin/java is Java 1.8.0_402.");
    }

    @Test
    void javaHomeWithoutJavaIsNamed()
    {
        Installation.Result result = Installation.run(installation.command(Map.of("JAVA_HOME", directory.resolve("nowhere").toString()), "server"),
                directory.resolve("out.log"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).startsWith("slipway: JAVA_HOME is '" + directory.resolve("nowhere") + "', but ").contains("is not an executable file");
    }

    @Test
    void noJavaAtAllSaysWhatToInstall()
            throws IOException
    {
        // A PATH with the tools the launcher uses, and no java.
        Path tools = Files.createDirectories(directory.resolve("tools"));
        for (String tool : List.of("sh", "dirname", "ls", "sed", "readlink", "cat", "rm")) {
            Files.copy(Path.of("/bin", tool).toRealPath(), tools.resolve(tool), StandardCopyOption.COPY_ATTRIBUTES);
        }
        ProcessBuilder builder = installation.command(Map.of("PATH", tools.toString()), "server");
        builder.environment().remove("JAVA_HOME");

        Installation.Result result = Installation.run(builder, directory.resolve("out.log"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).startsWith("slipway: Java was not found: set JAVA_HOME or put 'java' on the PATH.").contains("Java 17 or newer");
    }

    @Test
    void usesTheClassDataArchiveOnlyWhenThisJvmWroteItAtThisPlace()
            throws IOException
    {
        Path archive = installation.home().resolve("lib/slipway.jsa");
        Files.writeString(archive, "archive");
        Files.writeString(installation.home().resolve("lib/slipway.jsa.id"), "\"" + RUNTIME + "\" " + installation.home().toRealPath() + "\n");

        assertThat(launch(Map.of("JAVA_HOME", fakeJavaHome.toString()), "--version")).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(launch(Map.of("JAVA_HOME", fakeJavaHome.toString(), "SLIPWAY_CDS", "off"), "--version")).noneMatch(option -> option.contains("Archive"));

        Files.writeString(installation.home().resolve("lib/slipway.jsa.id"), "\"17.0.1+1-other\" " + installation.home().toRealPath() + "\n");
        assertThat(launch(Map.of("JAVA_HOME", fakeJavaHome.toString()), "--version")).noneMatch(option -> option.contains("Archive"));
        assertThat(archive).exists();

        // A server run writes a new archive for this JVM when it exits, and records who wrote it.
        assertThat(launch(Map.of("JAVA_HOME", fakeJavaHome.toString()), "server")).contains("-XX:ArchiveClassesAtExit=" + archive);
        assertThat(archive).doesNotExist();
        assertThat(installation.home().resolve("lib/slipway.jsa.id")).hasContent("\"" + RUNTIME + "\" " + installation.home().toRealPath());
    }

    @Test
    void aHomeWithSpacesInItsPathKeepsEachPathOneArgument()
            throws IOException
    {
        Installation spaced = Installation.unpack(Files.createDirectories(directory.resolve("my apps")));
        Path home = spaced.home().toRealPath();
        Files.writeString(home.resolve("lib/slipway.jsa"), "archive");
        Files.writeString(home.resolve("lib/slipway.jsa.id"), "\"" + RUNTIME + "\" " + home + "\n");

        Installation.Result result = Installation.run(spaced.command(Map.of("JAVA_HOME", fakeJavaHome.toString()), "server"), directory.resolve("java.log"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        List<String> java = result.lines();
        assertThat(java).contains("-XX:SharedArchiveFile=" + home + "/lib/slipway.jsa");
        assertThat(java.get(java.indexOf("-cp") + 1).split(":")).allMatch(entry -> entry.startsWith(home + "/lib/"));
        assertThat(java).last().isEqualTo("SLIPWAY_HOME=" + home);
    }

    @Test
    void unknownCdsModeIsRefused()
    {
        Installation.Result result = Installation.run(installation.command(Map.of("JAVA_HOME", fakeJavaHome.toString(), "SLIPWAY_CDS", "yes"), "server"),
                directory.resolve("out.log"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).isEqualTo("slipway: SLIPWAY_CDS must be auto (the default), off or dump, was 'yes'\n");
    }

    /** Runs the launcher with the fake JVM and returns the JVM's arguments, then SLIPWAY_HOME=… */
    private List<String> launch(Map<String, String> environment, String... arguments)
    {
        Installation.Result result = Installation.run(installation.command(environment, arguments), directory.resolve("java.log"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.lines();
    }

    /**
     * A JAVA_HOME whose {@code bin/java} prints its arguments one per line and {@code SLIPWAY_HOME=…}, or the given
     * version line on {@code -version}; with a {@code release} file when one is given.
     */
    private Path fakeJava(String name, String release, String versionLine)
            throws IOException
    {
        Path home = Files.createDirectories(directory.resolve(name).resolve("bin")).getParent();
        if (release != null) {
            Files.writeString(home.resolve("release"), release);
        }
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\n"
                + "if [ \"$1\" = -version ]; then echo '" + versionLine + "' >&2; exit 0; fi\n"
                + "for argument in \"$@\"; do printf '%s\\n' \"$argument\"; done\n"
                + "printf 'SLIPWAY_HOME=%s\\n' \"$SLIPWAY_HOME\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
