package dev.slipway.server.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.server.testing.ChildServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real-world-shaped projects built with {@code slipway run} — the real command in a child JVM, on the bundled
 * local-executor plugin loaded through the plugin runtime — from the fixtures in {@code src/test/resources/e2e/}:
 * each uses the machine's real toolchain (Maven offline against the local repository, Node.js's test runner,
 * Debian's Python with pytest), produces an artifact and a JUnit report.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EndToEndIT
{
    @TempDir
    Path directory;

    private String output = "";

    private int run(String... arguments)
    {
        try (ChildServer slipway = ChildServer.start(SlipwayRunProcessIT.home(), Map.of(), Stream.concat(Stream.of("run"),
                Stream.of(arguments)).toArray(String[]::new))) {
            int status = slipway.awaitExit();
            output = slipway.output();
            return status;
        }
    }

    /** @return what the command printed, standard output and standard error together */
    private String out()
    {
        return output;
    }

    private Path fixture(String name)
            throws IOException, URISyntaxException
    {
        Path from = Path.of(EndToEndIT.class.getResource("/e2e/" + name).toURI());
        Path to = directory.resolve(name);
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    @Test
    void mavenProject()
            throws Exception
    {
        Path artifacts = directory.resolve("maven-artifacts");

        // The fixture's plugins and JUnit are those of this build, so they are in its local repository, wherever that is.
        String repository = System.getProperty("slipway.maven-repository", System.getProperty("user.home") + "/.m2/repository");
        int status = run("--source", fixture("maven-project").toString(), "--artifacts-dir", artifacts.toString(),
                "--env", "MAVEN_OPTS=-Dmaven.repo.local=" + repository);

        assertThat(status).as(out()).isZero();
        assertThat(out()).contains("[slipway] Selected runtime java corretto17", "$ mvn -o -B -q package", "Built target/price-calculator-1.0.0.jar");
        assertThat(out()).containsPattern("(?m)^  maven-project-surefire +JUNITXML +4 tests: 3 succeeded, 1 skipped$");
        assertThat(RunCommandTestBase.zipEntries(artifacts.resolve("maven-project.zip"))).containsExactly("price-calculator-1.0.0.jar");
        try (InputStream zip = Files.newInputStream(artifacts.resolve("maven-project.zip"));
                java.util.zip.ZipInputStream entries = new java.util.zip.ZipInputStream(zip)) {
            entries.getNextEntry();
            Path jar = Files.write(directory.resolve("built.jar"), entries.readAllBytes());
            assertThat(RunCommandTestBase.zipEntries(jar)).contains("example/PriceCalculator.class");
        }
    }

    @Test
    void nodeProject()
            throws Exception
    {
        Path artifacts = directory.resolve("node-artifacts");

        int status = run("--source", fixture("node-project").toString(), "--artifacts-dir", artifacts.toString());

        assertThat(status).as(out()).isZero();
        assertThat(out()).contains("bundled 1 file(s) into dist/", "✔ greets by name");
        assertThat(out()).containsPattern("(?m)^  node-project-node-tests +JUNITXML +3 tests: 2 succeeded, 1 skipped$");
        assertThat(RunCommandTestBase.zipEntries(artifacts.resolve("greeter-1.2.0.zip"))).containsExactly("dist/greeter.js", "package.json");
    }

    @Test
    void pythonProject()
            throws Exception
    {
        Path artifacts = directory.resolve("python-artifacts");

        int status = run("--source", fixture("python-project").toString(), "--artifacts-dir", artifacts.toString());

        assertThat(status).as(out()).isZero();
        assertThat(out()).contains("apples: 3").containsPattern("(?m)^3 passed, 1 skipped in ");
        assertThat(out()).containsPattern("(?m)^  python-project-pytest +JUNITXML +4 tests: 3 succeeded, 1 skipped$");
        assertThat(RunCommandTestBase.zipEntries(artifacts.resolve("python-project.zip"))).containsExactly("inventory.pyz");
    }
}
