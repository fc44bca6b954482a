package dev.slipway.server.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.slipway.api.executor.BuildContext;
import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.EnvironmentRequest;
import dev.slipway.api.executor.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code slipway run} through its command line, on the real local executor in this JVM. */
class RunCommandIT
        extends RunCommandTestBase
{
    @Test
    void successfulBuildPrintsEveryPhaseTheCommandsAndASummaryAndExitsZero()
            throws IOException
    {
        Path source = source("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - echo hi
                      - mkdir -p dist && echo app > dist/app.txt
                artifacts:
                  files: ['dist/**/*']
                """);
        Path artifacts = directory.resolve("out");

        int status = run("--source", source.toString(), "--artifacts-dir", artifacts.toString());

        assertThat(status).as(out() + err()).isZero();
        assertThat(out()).contains("==> BUILD\n$ echo hi\nhi\n$ mkdir -p dist && echo app > dist/app.txt\n<== BUILD SUCCEEDED (");
        assertThat(out()).contains("--- SUBMITTED SUCCEEDED (", "--- FINALIZING SUCCEEDED (");
        assertThat(out()).containsPattern("(?m)^PHASE +STATUS +DURATION$");
        assertThat(out()).containsPattern("(?m)^BUILD +SUCCEEDED +[0-9.]+ s$");
        assertThat(out()).containsPattern("(?m)^  primary +my-app\\.zip +[0-9.]+ (B|KB) +" + java.util.regex.Pattern.quote(artifacts.resolve("my-app.zip").toString()) + "$");
        assertThat(out()).containsPattern("(?m)^Build SUCCEEDED in [0-9.]+ s$");
        assertThat(out()).doesNotContain("\033[");
        assertThat(zipEntries(artifacts.resolve("my-app.zip"))).containsExactly("dist/app.txt");
        // A copy was built: the source is as it was.
        assertThat(source.resolve("dist")).doesNotExist();
    }

    @Test
    void failingBuildExitsOneAndSaysWhy()
            throws IOException
    {
        Path source = source("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - exit 5
                """);

        assertThat(run("--source", source.toString())).isEqualTo(RunExitCodes.FAILED);
        assertThat(out()).contains("<== BUILD FAILED (", "    COMMAND_EXECUTION_ERROR: Error while executing command: exit 5. Reason: exit status 5");
        assertThat(out()).containsPattern("(?m)^Build FAILED in ");
    }

    @Test
    void faultOfTheExecutorExitsThree()
            throws IOException
    {
        Path source = source("version: 0.2\nphases:\n  build:\n    commands: [echo hi]\n");
        Executor broken = new Executor()
        {
            @Override
            public BuildEnvironment provision(EnvironmentRequest request, BuildContext context)
                    throws IOException
            {
                throw new IOException("the machine is out of disk space");
            }
        };

        assertThat(run(() -> loaded(broken), "--source", source.toString())).isEqualTo(RunExitCodes.FAULT);
        assertThat(out()).contains("--- PROVISIONING FAULT (", "ENVIRONMENT_ERROR: the machine is out of disk space");
    }

    @Test
    void inPlaceBuildsInTheSourceDirectory()
            throws IOException
    {
        Path source = source("version: 0.2\nphases:\n  build:\n    commands: [pwd, echo built > built.txt]\n");

        assertThat(run("--source", source.toString(), "--in-place")).isZero();
        assertThat(out()).contains("\n" + source + "\n", "(in place)");
        assertThat(source.resolve("built.txt")).hasContent("built");
    }

    @Test
    void variablesParametersAndSecretsComeFromTheFlagsAndTheSecretsFileAndAreMasked()
            throws IOException
    {
        Path source = source("""
                version: 0.2
                env:
                  variables:
                    GREETING: from-buildspec
                  parameter-store:
                    DB_PASSWORD: /prod/db/password
                  secrets-manager:
                    TOKEN: prod/api:token
                    OTHER: prod/other
                phases:
                  build:
                    commands:
                      - echo "greeting=$GREETING password=$DB_PASSWORD token=$TOKEN other=$OTHER"
                """);
        Path secrets = directory.resolve("secrets.yml");
        Files.writeString(secrets, """
                parameters:
                  /prod/db/password: from-the-file
                secrets:
                  prod/api: '{"token": "tok-123456"}'
                  prod/other: overridden-by-the-flag
                """);

        int status = run("--source", source.toString(), "--env", "GREETING=from-the-flag", "--secrets-file", secrets.toString(),
                "--secret", "prod/other=other-secret-value");

        assertThat(status).as(out() + err()).isZero();
        assertThat(out()).contains("greeting=from-the-flag password=*** token=*** other=***");
        assertThat(out()).doesNotContain("from-the-file", "tok-123456", "other-secret-value");
    }

    @Test
    void cacheDirectoryKeepsTheCacheBetweenRuns()
            throws IOException
    {
        Path source = source("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - if [ -f deps/installed ]; then echo "deps from the cache"; else mkdir -p deps && echo yes > deps/installed && echo "deps installed"; fi
                cache:
                  key: deps-v1
                  paths: ['deps/**/*']
                """);
        Path cache = directory.resolve("cache");

        assertThat(run("--source", source.toString(), "--cache-dir", cache.toString())).isZero();
        assertThat(out()).contains("deps installed", "CACHE  key deps-v1", "  restore: miss", "  save:    saved, ");
        stdout.reset();
        assertThat(run("--source", source.toString(), "--cache-dir", cache.toString())).isZero();
        assertThat(out()).contains("deps from the cache", "  restore: hit (deps-v1), ", "  save:    not saved: an entry for key 'deps-v1' exists already");
    }

    @Test
    void reportsAreParsedAndSummarised()
            throws IOException
    {
        Path source = source("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - mkdir -p reports
                      - echo '<testsuite name="s"><testcase name="a"/><testcase name="b"><failure message="boom"/></testcase></testsuite>' > reports/TEST-s.xml
                reports:
                  unit:
                    files: ['reports/*.xml']
                """);

        assertThat(run("--source", source.toString())).isZero();
        assertThat(out()).containsPattern("(?m)^  my-app-unit +JUNITXML +2 tests: 1 succeeded, 1 failed \\(FAILED\\)$");
    }

    @Test
    void buildspecOutsideTheSourceIsRunOnTheSource()
            throws IOException
    {
        Path source = source("version: 0.2\nphases:\n  build:\n    commands: [echo from-the-source-buildspec]\n");
        Path other = directory.resolve("ci.yml");
        Files.writeString(other, "version: 0.2\nphases:\n  build:\n    commands: [ls buildspec.yml, echo from-the-other-buildspec]\n");

        assertThat(run("--source", source.toString(), "--buildspec", other.toString())).isZero();
        assertThat(out()).contains("slipway run: " + other + " on " + source, "from-the-other-buildspec").doesNotContain("from-the-source-buildspec");
    }

    @Test
    void setupProblemsExitTwoWithAMessageThatSaysWhatWouldWork()
            throws IOException
    {
        assertThat(run("--source", directory.resolve("missing").toString())).isEqualTo(RunExitCodes.NOT_STARTED);
        assertThat(err()).contains("slipway run: the source directory " + directory.resolve("missing") + " does not exist or is not a directory; give one with --source DIR");

        Path empty = Files.createDirectories(directory.resolve("empty"));
        assertThat(run("--source", empty.toString())).isEqualTo(RunExitCodes.NOT_STARTED);
        assertThat(err()).contains("there is no buildspec.yml in " + empty + "; give the buildspec with --buildspec FILE");

        assertThat(run("--source", empty.toString(), "--timeout", "0")).isEqualTo(RunExitCodes.NOT_STARTED);
        assertThat(err()).contains("--timeout must be 1 to 2160 minutes");

        assertThat(run("--source", empty.toString(), "--env", "NO_EQUALS_SIGN")).isEqualTo(RunExitCodes.NOT_STARTED);

        Path secrets = directory.resolve("bad-secrets.yml");
        Files.writeString(secrets, "secrets:\n  prod/api:\n    nested: not-a-string\n");
        assertThat(run("--source", empty.toString(), "--secrets-file", secrets.toString())).isEqualTo(RunExitCodes.NOT_STARTED);
        assertThat(err()).contains("'secrets.prod/api' in the secrets file " + secrets + " must be text").doesNotContain("not-a-string");

        assertThat(run(() -> {
            throw new RunSetupException("the local executor plugin is not in /opt/slipway/plugins");
        }, "--source", source("version: 0.2\nphases:\n  build:\n    commands: [echo]\n").toString())).isEqualTo(RunExitCodes.NOT_STARTED);
        assertThat(err()).contains("slipway run: the local executor plugin is not in /opt/slipway/plugins");
    }

    @Test
    void everyBuildStatusHasItsOwnExitStatus()
    {
        List<Integer> codes = new ArrayList<>();
        for (var status : dev.slipway.server.build.engine.BuildStatus.values()) {
            codes.add(RunExitCodes.of(status));
        }
        assertThat(codes).doesNotHaveDuplicates().doesNotContain(RunExitCodes.NOT_STARTED);
        assertThat(RunExitCodes.of(dev.slipway.server.build.engine.BuildStatus.TIMED_OUT)).isEqualTo(4);
        assertThat(RunExitCodes.of(dev.slipway.server.build.engine.BuildStatus.STOPPED)).isEqualTo(130);
        assertThat(Duration.ofMinutes(1)).isPositive();
    }
}
