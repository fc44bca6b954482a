package dev.slipway.server.build.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.slipway.api.executor.Toolchain;

class ToolchainEntriesTest
{
    @Test
    void theProjectsToolchainWinsOverTheEnvironmentsOfTheSameVersionOrAlias()
    {
        Toolchain project = Toolchain.builder("java", "17").variable("JAVA_HOME", "/project/jdk").build();
        Toolchain executor17 = Toolchain.builder("java", "corretto17").alias("17").alias("openjdk17").variable("JAVA_HOME", "/usr/lib/jvm/17").build();
        Toolchain executorSame = Toolchain.builder("java", "17").variable("JAVA_HOME", "/usr/lib/jvm/other").build();
        Toolchain python = Toolchain.builder("python", "3.12").build();

        List<Toolchain> merged = ToolchainEntries.merge(List.of(project), List.of(executor17, executorSame, python));

        assertThat(merged).extracting(Toolchain::runtime, Toolchain::version).containsExactly(
                org.assertj.core.groups.Tuple.tuple("java", "17"), org.assertj.core.groups.Tuple.tuple("java", "corretto17"),
                org.assertj.core.groups.Tuple.tuple("python", "3.12"));
        assertThat(merged.get(0).variables()).containsEntry("JAVA_HOME", "/project/jdk");
        assertThat(merged.get(1).aliases()).containsExactly("openjdk17");
    }

    @Test
    void withoutProjectToolchainsTheEnvironmentsAreUsedAsTheyAre()
    {
        List<Toolchain> environment = List.of(Toolchain.builder("nodejs", "20").build());

        assertThat(ToolchainEntries.merge(List.of(), environment)).isSameAs(environment);
    }
}
