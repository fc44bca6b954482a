package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestingContextsTest
{
    @TempDir
    Path temp;

    @Test
    void extensionContextCreatesItsDirectoriesAndDeletesOnlyItsOwn()
            throws Exception
    {
        Path owned;
        try (TestingExtensionContext context = TestingExtensionContext.builder().pluginId("filesystem-artifacts").extensionId("filesystem").build()) {
            owned = context.serverDataDirectory();
            assertThat(context.dataDirectory()).isDirectory().startsWith(owned)
                    .endsWith(Path.of("plugins", "filesystem-artifacts", "extensions", "filesystem"));
            context.logger().info("hello {}", "world");
            assertThat(context.recordingLogger().messages()).containsExactly("hello world");
        }
        assertThat(owned).doesNotExist();

        try (TestingExtensionContext context = TestingExtensionContext.inDirectory(temp.resolve("data"))) {
            assertThat(context.serverDataDirectory()).isDirectory();
        }
        assertThat(temp.resolve("data")).isDirectory();
    }

    @Test
    void pluginContextHasADataDirectory()
            throws Exception
    {
        Path owned;
        try (TestingPluginContext context = TestingPluginContext.builder().pluginId("slack-notifier").pluginVersion("1.2.3").build()) {
            owned = context.dataDirectory();
            assertThat(owned).isDirectory();
            assertThat(context.pluginVersion()).isEqualTo("1.2.3");
            Files.writeString(owned.resolve("state"), "kept");
        }
        assertThat(owned).doesNotExist();
    }

    @Test
    void buildContextAndEnvironmentRequestHaveUsefulDefaults()
    {
        TestingBuildContext build = TestingBuildContext.builder().projectName("web").buildNumber(42).build();
        TestingEnvironmentRequest request = TestingEnvironmentRequest.builder(temp).image("local/debian:bookworm").privileged(true).build();

        assertThat(build.buildId()).matches("web:[0-9a-f-]{36}");
        assertThat(build.buildNumber()).isEqualTo(42);
        build.log().line("from the executor");
        assertThat(build.log().lines()).containsExactly("from the executor");
        assertThat(request.workspace()).isEqualTo(temp);
        assertThat(request.image()).contains("local/debian:bookworm");
        assertThat(request.computeType()).isEqualTo("BUILD_GENERAL1_SMALL");
        assertThat(request.privileged()).isTrue();
        assertThat(TestingRevisionRequest.defaultVersion().version()).isEmpty();
    }
}
