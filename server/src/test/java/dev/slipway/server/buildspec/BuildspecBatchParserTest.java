package dev.slipway.server.buildspec;

import dev.slipway.server.buildspec.Buildspec.Batch;
import dev.slipway.server.buildspec.Buildspec.BatchEnv;
import dev.slipway.server.buildspec.Buildspec.BatchKind;
import dev.slipway.server.buildspec.Buildspec.BatchTask;
import dev.slipway.server.buildspec.Buildspec.BuildMatrix;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.slipway.server.buildspec.BuildspecParserTest.format;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** {@code batch}: the four kinds, and the checks on identifiers and the graph. */
class BuildspecBatchParserTest
{
    private final BuildspecParser parser = new BuildspecParser();

    @Test
    void buildListKeepsEveryTaskKey()
    {
        Batch batch = valid("""
                version: 0.2
                batch:
                  fast-fail: yes
                  build-list:
                    - identifier: linux_small
                      buildspec: ci/linux.yml
                      debug-session: true
                      ignore-failure: no
                      env:
                        compute-type: BUILD_GENERAL1_SMALL
                        image: aws/codebuild/standard:7.0
                        privileged-mode: yes
                        type: LINUX_CONTAINER
                        variables:
                          TARGET: 010
                    - identifier: windows
                      ignore-failure: yes
                """);

        assertThat(batch.fastFail()).isTrue();
        assertThat(batch.kind()).isEqualTo(BatchKind.BUILD_LIST);
        assertThat(batch.matrix()).isEmpty();
        assertThat(batch.tasks()).containsExactly(
                new BatchTask("linux_small", Optional.of("ci/linux.yml"), List.of(),
                        new BatchEnv(Optional.of("BUILD_GENERAL1_SMALL"), Optional.of("aws/codebuild/standard:7.0"), Optional.of(true),
                                Optional.of("LINUX_CONTAINER"), Map.of("TARGET", "010")),
                        false, true),
                new BatchTask("windows", Optional.empty(), List.of(), BatchEnv.EMPTY, true, false));
    }

    @Test
    void dependOnInABuildListIsIgnoredWithAWarning()
    {
        ParseResult result = parser.parse("version: 0.2\nbatch:\n  build-list:\n    - identifier: a\n    - identifier: b\n      depend-on: [a]\n");

        assertThat(result.buildspec().orElseThrow().batch().orElseThrow().tasks()).allMatch(task -> task.dependOn().isEmpty());
        assertThat(format(result)).containsExactly(
                "buildspec.yml:6:7: warning: batch.build-list[1].depend-on: is read only in build-graph; in build-list every build starts at once");
    }

    @Test
    void buildGraphKeepsDependencies()
    {
        Batch batch = valid("""
                version: 0.2
                batch:
                  build-graph:
                    - identifier: build
                    - identifier: test
                      depend-on: build
                    - identifier: package
                      depend-on:
                        - build
                        - test
                """);

        assertThat(batch.kind()).isEqualTo(BatchKind.BUILD_GRAPH);
        assertThat(batch.tasks()).extracting(BatchTask::identifier, BatchTask::dependOn).containsExactly(
                org.assertj.core.groups.Tuple.tuple("build", List.of()),
                org.assertj.core.groups.Tuple.tuple("test", List.of("build")),
                org.assertj.core.groups.Tuple.tuple("package", List.of("build", "test")));
    }

    @Test
    void buildGraphCycleIsAnErrorThatNamesTheCycle()
    {
        assertThat(format(parser.parse("""
                version: 0.2
                batch:
                  build-graph:
                    - identifier: a
                      depend-on: [c]
                    - identifier: b
                      depend-on: [a]
                    - identifier: c
                      depend-on: [b]
                    - identifier: d
                      depend-on: [a]
                """))).containsExactly(
                "buildspec.yml:4:19: error: batch.build-graph[0].depend-on: build-graph has a cycle: a -> c -> b -> a; no build in it could ever start");
    }

    @Test
    void longBuildGraphIsCheckedWithoutOverflowingTheStack()
    {
        StringBuilder yaml = new StringBuilder("version: 0.2\nbatch:\n  build-graph:\n");
        int tasks = 20_000;
        for (int task = 0; task < tasks; task++) {
            yaml.append("    - identifier: t").append(task).append('\n');
            if (task + 1 < tasks) {
                yaml.append("      depend-on: [t").append(task + 1).append("]\n");
            }
        }
        yaml.append("    - identifier: loop\n      depend-on: [t0]\n");
        String text = yaml.toString().replace("- identifier: t" + (tasks - 1) + "\n", "- identifier: t" + (tasks - 1) + "\n      depend-on: [loop]\n");

        ParseResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> parser.parse(text));

        assertThat(result.errors()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("batch.build-graph[0].depend-on");
            assertThat(problem.message()).startsWith("build-graph has a cycle: t0 -> t1 -> t2 -> ").endsWith(" -> loop -> t0; no build in it could ever start");
        });
    }

    @Test
    void buildMatrixKeepsStaticAndDynamicSettings()
    {
        Batch batch = valid("""
                version: 0.2
                batch:
                  build-matrix:
                    static:
                      ignore-failure: yes
                      env:
                        type: LINUX_CONTAINER
                        privileged-mode: true
                    dynamic:
                      buildspec: [a.yml, b.yml]
                      env:
                        compute-type: BUILD_GENERAL1_SMALL
                        image: [one, two]
                        variables:
                          PYTHON: [3.10, 3.12]
                """);

        assertThat(batch.kind()).isEqualTo(BatchKind.BUILD_MATRIX);
        assertThat(batch.tasks()).isEmpty();
        assertThat(batch.matrix()).contains(new BuildMatrix(true,
                new BatchEnv(Optional.empty(), Optional.empty(), Optional.of(true), Optional.of("LINUX_CONTAINER"), Map.of()),
                List.of("a.yml", "b.yml"), List.of("BUILD_GENERAL1_SMALL"), List.of("one", "two"), Map.of("PYTHON", List.of("3.10", "3.12"))));
    }

    @Test
    void buildFanoutIsNIdenticalTasks()
    {
        Batch batch = valid("version: 0.2\nbatch:\n  build-fanout:\n    parallelism: 3\n    ignore-failure: true\nphases:\n  build:\n    commands: [make]\n");

        assertThat(batch.kind()).isEqualTo(BatchKind.BUILD_FANOUT);
        assertThat(batch.tasks()).extracting(BatchTask::identifier).containsExactly("fanout_1", "fanout_2", "fanout_3");
        assertThat(batch.tasks()).allMatch(BatchTask::ignoreFailure);
    }

    @Test
    void batchProblems()
    {
        assertThat(format(parser.parse("version: 0.2\nbatch:\n  build-fanout:\n    ignore-failure: yes\n  build-list: []\n")))
                .containsExactly(
                        "buildspec.yml:3:3: error: batch.build-fanout.parallelism: is required: the number of builds to start, 1 to 100",
                        "buildspec.yml:5:3: error: batch.build-list: batch can have only one of build-list, build-graph, build-matrix and "
                                + "build-fanout, but has both build-fanout and build-list");
        assertThat(format(parser.parse("version: 0.2\nbatch:\n  build-fanout:\n    parallelism: zero\n")))
                .containsExactly("buildspec.yml:4:18: error: batch.build-fanout.parallelism: expected a whole number from 1 to 100, but found 'zero'");
        assertThat(format(parser.parse("version: 0.2\nbatch:\n  build-list: []\n")))
                .containsExactly("buildspec.yml:3:3: error: batch.build-list: build-list needs at least one build");
        assertThat(format(parser.parse("version: 0.2\nbatch:\n  build-graph:\n    identifier: a\n")))
                .containsExactly("buildspec.yml:4:5: error: batch.build-graph: build-graph needs a list of builds, each with an identifier");
    }

    private Batch valid(String yaml)
    {
        ParseResult result = parser.parse(yaml);
        assertThat(result.problems()).as("problems of\n%s", yaml).isEmpty();
        return result.buildspec().orElseThrow().batch().orElseThrow();
    }
}
