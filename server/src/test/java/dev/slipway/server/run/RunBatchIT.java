package dev.slipway.server.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** {@code slipway run} of a buildspec with a {@code batch:} section, on the real local executor. */
class RunBatchIT
        extends RunCommandTestBase
{
    @Test
    void aBuildListRunsEveryChildWithItsIdentifierPrefixedAndSummarisesThem()
            throws IOException
    {
        Path source = source("""
                version: 0.2
                batch:
                  build-list:
                    - identifier: alpha
                      env:
                        variables:
                          GREETING: hello
                    - identifier: beta
                      env:
                        variables:
                          GREETING: bonjour
                phases:
                  build:
                    commands:
                      - echo "$GREETING from $CODEBUILD_BATCH_BUILD_IDENTIFIER"
                      - echo "$CODEBUILD_BATCH_BUILD_IDENTIFIER" > made-by.txt
                artifacts:
                  files: [made-by.txt]
                """);
        Path artifacts = directory.resolve("out");

        assertThat(run("--source", source.toString(), "--artifacts-dir", artifacts.toString(), "--no-color")).as(out() + err())
                .isEqualTo(RunExitCodes.SUCCEEDED);

        assertThat(out()).contains("[alpha] hello from alpha", "[beta] bonjour from beta", "[batch] IN_PROGRESS");
        assertThat(out()).containsPattern("(?m)^alpha\\s+SUCCEEDED\\s+\\S+ s  my-app:[0-9a-f-]{36}$");
        assertThat(out()).containsPattern("(?m)^beta\\s+SUCCEEDED\\s+");
        assertThat(out()).containsPattern("(?m)^Batch SUCCEEDED$");
        try (Stream<Path> files = Files.walk(artifacts)) {
            List<Path> zips = files.filter(path -> path.toString().endsWith(".zip")).toList();
            assertThat(zips).as("one artifact per child").hasSize(2);
            for (Path zip : zips) {
                assertThat(zipEntries(zip)).containsExactly("made-by.txt");
            }
        }
    }

    @Test
    void aFailedDependencyFailsTheBatchAndItsDependentDoesNotRun()
            throws IOException
    {
        Path source = source("""
                version: 0.2
                batch:
                  build-graph:
                    - identifier: compile
                      env:
                        variables:
                          BROKEN: "yes"
                    - identifier: package
                      depend-on: [compile]
                phases:
                  build:
                    commands:
                      - test "$BROKEN" != yes
                """);

        assertThat(run("--source", source.toString(), "--no-color")).as(out() + err()).isEqualTo(RunExitCodes.FAILED);

        assertThat(out()).containsPattern("(?m)^compile\\s+FAILED\\s+");
        assertThat(out()).containsPattern("(?m)^package\\s+NOT_RUN\\s+-  not run: its dependency compile did not succeed$");
        assertThat(out()).containsPattern("(?m)^Batch FAILED$");
    }

    @Test
    void parallelOneRunsTheChildrenOneAfterTheOther()
            throws IOException
    {
        Path trace = directory.resolve("trace.txt");
        Path source = source("""
                version: 0.2
                batch:
                  build-list:
                    - identifier: one
                    - identifier: two
                    - identifier: three
                phases:
                  build:
                    commands:
                      - echo "start $CODEBUILD_BATCH_BUILD_IDENTIFIER" >> %1$s
                      - echo "end $CODEBUILD_BATCH_BUILD_IDENTIFIER" >> %1$s
                """.formatted(trace));

        assertThat(run("--source", source.toString(), "--parallel", "1", "--no-color")).as(out() + err()).isEqualTo(RunExitCodes.SUCCEEDED);

        List<String> lines = Files.readAllLines(trace);
        assertThat(lines).hasSize(6);
        for (int i = 0; i < lines.size(); i += 2) {
            assertThat(lines.get(i + 1)).as("no child starts before the previous one ended: %s", lines).isEqualTo(lines.get(i).replace("start", "end"));
        }
    }

    @Test
    void childrenRunAtOnceUpToTheParallelLimit()
            throws IOException
    {
        Path meeting = Files.createDirectories(directory.resolve("meeting"));
        // Each child waits for the other's mark: both succeed only if they run at the same time.
        Path source = source("""
                version: 0.2
                batch:
                  build-list:
                    - identifier: left
                      env:
                        variables:
                          OTHER: right
                    - identifier: right
                      env:
                        variables:
                          OTHER: left
                phases:
                  build:
                    commands:
                      - touch %1$s/$CODEBUILD_BATCH_BUILD_IDENTIFIER
                      - for i in $(seq 1 600); do [ -f %1$s/$OTHER ] && break; sleep 0.1; done; test -f %1$s/$OTHER
                """.formatted(meeting));

        assertThat(run("--source", source.toString(), "--parallel", "2", "--no-color")).as(out() + err()).isEqualTo(RunExitCodes.SUCCEEDED);
    }

    @Test
    void noBatchRunsTheBuildspecAsOneBuild()
            throws IOException
    {
        Path source = source("""
                version: 0.2
                batch:
                  build-list:
                    - identifier: never
                phases:
                  build:
                    commands:
                      - echo "identifier [$CODEBUILD_BATCH_BUILD_IDENTIFIER]"
                """);

        assertThat(run("--source", source.toString(), "--no-batch", "--no-color")).as(out() + err()).isEqualTo(RunExitCodes.SUCCEEDED);

        assertThat(out()).contains("--no-batch: the batch section is ignored", "identifier []",
                "The buildspec's batch section is ignored for a single build").doesNotContain("[batch]");
    }

    @Test
    void parallelMustBeAtLeastOne()
            throws IOException
    {
        Path source = source("version: 0.2\nphases:\n  build:\n    commands: [echo hi]\n");

        assertThat(run("--source", source.toString(), "--parallel", "0")).isEqualTo(RunExitCodes.NOT_STARTED);
        assertThat(err()).contains("--parallel must be at least 1, was 0");
    }
}
