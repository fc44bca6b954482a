package dev.slipway.server.build.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.executor.Toolchain;

import static dev.slipway.server.build.engine.Specs.buildspec;
import static dev.slipway.server.build.engine.Specs.phaseWith;
import static dev.slipway.server.buildspec.Buildspec.PhaseName.BUILD;
import static dev.slipway.server.buildspec.Buildspec.PhaseName.INSTALL;
import static org.assertj.core.api.Assertions.assertThat;

class RuntimeVersionsTest
{
    @TempDir
    Path workspace;

    private static final List<Toolchain> TOOLCHAINS = List.of(
            Toolchain.builder("java", "corretto11").alias("11").alias("11.0.24").variable("JAVA_HOME", "/jvm/11").pathEntry("/jvm/11/bin").build(),
            Toolchain.builder("java", "corretto17").alias("17").alias("openjdk17").alias("17.0.15").variable("JAVA_HOME", "/jvm/17").pathEntry("/jvm/17/bin").build(),
            Toolchain.builder("java", "corretto21").alias("21").variable("JAVA_HOME", "/jvm/21").pathEntry("/jvm/21/bin").build(),
            Toolchain.builder("python", "3.9").pathEntry("/py/3.9/bin").build(),
            Toolchain.builder("python", "3.11").pathEntry("/py/3.11/bin").build(),
            Toolchain.builder("python", "3.10").pathEntry("/py/3.10/bin").build());

    private static String choose(String runtime, String version)
    {
        return choose(runtime, version, Map.of());
    }

    private static String choose(String runtime, String version, Map<String, String> variables)
    {
        RuntimeSelector.Selection selection = RuntimeSelector.select(Map.of(runtime, version), TOOLCHAINS, variables);
        return selection.error().orElseGet(() -> selection.toolchains().get(0).version());
    }

    @Test
    void exactVersionOrAliasSelectsThatToolchain()
    {
        assertThat(choose("java", "corretto17")).isEqualTo("corretto17");
        assertThat(choose("java", "openjdk17")).isEqualTo("corretto17");
        assertThat(choose("java", "11")).isEqualTo("corretto11");
        assertThat(choose("python", "3.10")).isEqualTo("3.10");
    }

    @Test
    void latestAndMajorDotXPickTheNewestByVersionOrderNotStringOrder()
    {
        assertThat(choose("python", "latest")).isEqualTo("3.11");
        assertThat(choose("python", "3.x")).isEqualTo("3.11");
        assertThat(choose("java", "latest")).isEqualTo("corretto21");
        assertThat(choose("java", "17.x")).isEqualTo("corretto17");
        assertThat(choose("java", "17.0.x")).isEqualTo("corretto17");
    }

    @Test
    void variableReferencesAreExpandedFirst()
    {
        assertThat(choose("java", "$JAVA_VERSION", Map.of("JAVA_VERSION", "corretto11"))).isEqualTo("corretto11");
        assertThat(choose("python", "${PY}", Map.of("PY", "3.x"))).isEqualTo("3.11");
        assertThat(choose("python", "$NOT_SET")).isEqualTo("The version '$NOT_SET' of runtime 'python' names a variable that is not set");
    }

    @Test
    void unknownRuntimeOrVersionListsWhatIsAvailable()
    {
        assertThat(choose("ruby", "3.2")).isEqualTo("Unknown runtime named 'ruby'. This build environment has the following runtimes: java, python");
        assertThat(choose("java", "99")).isEqualTo("Unknown runtime version named '99' of java. This build environment has the following versions: corretto11, corretto17, corretto21");
        assertThat(choose("python", "2.x")).startsWith("Unknown runtime version named '2.x' of python");
    }

    @Test
    void chosenToolchainIsAppliedToTheBuildShell()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        TOOLCHAINS.forEach(fixture.executor::toolchain);
        BuildResult result = fixture.run(buildspec()
                .phase(INSTALL, phaseWith().runtime("java", "17.x").runtime("python", "latest").commands("java -version").build())
                .phase(BUILD, "make").build());

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        List<String> all = fixture.executor.allCommands();
        assertThat(all).containsSubsequence("export JAVA_HOME='/jvm/17'", "export PATH='/jvm/17/bin:'\"$PATH\"", "export PATH='/py/3.11/bin:'\"$PATH\"", "java -version");
        assertThat(fixture.listener.engineMessages).contains("Selected runtime java corretto17", "Selected runtime python 3.11");
    }

    @Test
    void unknownRuntimeFailsInstallAndSkipsTheBuild()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        TOOLCHAINS.forEach(fixture.executor::toolchain);
        BuildResult result = fixture.run(buildspec()
                .phase(INSTALL, phaseWith().runtime("golang", "1.22").commands("go version").build())
                .phase(BUILD, "make").build());

        assertThat(result.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(result.phase(BuildPhaseType.INSTALL).orElseThrow().contexts()).containsExactly(new StatusContext("YAML_FILE_ERROR",
                "Unknown runtime named 'golang'. This build environment has the following runtimes: java, python"));
        assertThat(fixture.executor.commands()).isEmpty();
    }
}
