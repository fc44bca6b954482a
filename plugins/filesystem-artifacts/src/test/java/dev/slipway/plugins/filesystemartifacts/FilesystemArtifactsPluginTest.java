package dev.slipway.plugins.filesystemartifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.CheckResult;
import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.artifact.ArtifactStoreFactory;
import dev.slipway.testkit.ConfigAssertions;
import dev.slipway.testkit.TestingExtensionContext;

final class FilesystemArtifactsPluginTest
{
    private final ArtifactStoreFactory factory = new FilesystemArtifactStoreFactory();

    @TempDir
    Path temp;

    @Test
    void pluginContributesTheFilesystemStoreOnly()
    {
        FilesystemArtifactsPlugin plugin = new FilesystemArtifactsPlugin();

        assertThat(plugin.artifactStores()).singleElement().satisfies(contributed -> {
            assertThat(contributed.id()).isEqualTo("filesystem");
            assertThat(contributed.displayName()).isEqualTo("Filesystem");
        });
        assertThat(plugin.executors()).isEmpty();
        assertThat(plugin.sourceProviders()).isEmpty();
        assertThat(plugin.notifiers()).isEmpty();
    }

    @Test
    void configurationDefaultsAndChecks()
    {
        ConfigAssertions.assertDefaults(factory, Map.of("fsync", true));
        ConfigAssertions.assertSchemaAccepts(factory, Map.of());
        ConfigAssertions.assertSchemaAccepts(factory, Map.of("root-directory", "/var/lib/slipway/artifacts", "fsync", "no"));
        ConfigAssertions.assertSchemaRejects(factory, Map.of("fsync", "maybe"), "fsync", "must be true or false");
        ConfigAssertions.assertSchemaRejects(factory, Map.of("root-directory", "  "), "root-directory", "must not be blank");
        ConfigAssertions.assertSchemaRejects(factory, Map.of("root-directory", "a\u0000b"), "root-directory", "NUL");
        ConfigAssertions.assertSchemaRejects(factory, Map.of("root", "/tmp"), "root", "unknown key");
    }

    @Test
    void storesUnderTheServerDataDirectoryByDefault()
            throws IOException
    {
        try (TestingExtensionContext context = TestingExtensionContext.inDirectory(temp.resolve("data"));
                ArtifactStore store = factory.create(factory.configSchema().bind(Map.of()), context)) {
            store.put(ArtifactKey.of("a"), new ByteArrayInputStream(new byte[] {1}), ArtifactMetadata.empty());

            assertThat(temp.resolve("data/artifacts/keys/a.ref")).isRegularFile();
        }
    }

    @Test
    void aRelativeRootIsResolvedAgainstTheServerDataDirectory()
            throws IOException
    {
        try (TestingExtensionContext context = TestingExtensionContext.inDirectory(temp.resolve("data"));
                ArtifactStore store = factory.create(factory.configSchema().bind(Map.of("root-directory", "elsewhere/../store")), context)) {
            assertThat(((FilesystemArtifactStore) store).root()).isEqualTo(temp.resolve("data/store").toAbsolutePath());
            assertThat(temp.resolve("data/store")).isDirectory();
        }
    }

    @Test
    void aRootThatCannotBeADirectoryIsAConfigurationError()
            throws IOException
    {
        Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
        try (TestingExtensionContext context = TestingExtensionContext.inDirectory(temp.resolve("data"))) {
            assertThatThrownBy(() -> factory.create(factory.configSchema().bind(Map.of("root-directory", file.resolve("artifacts").toString())), context))
                    .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG))
                    .hasMessageContaining("root-directory: cannot create artifact directory " + file.resolve("artifacts"));

            CheckResult check = factory.check(factory.configSchema().bind(Map.of("root-directory", file.resolve("artifacts").toString())), context);
            assertThat(check.status()).isEqualTo(CheckResult.Status.FAILED);
            assertThat(check.message()).contains(file.resolve("artifacts").toString());
        }
    }

    @Test
    void checkReportsAWritableRootAndItsFreeSpace()
            throws IOException
    {
        try (TestingExtensionContext context = TestingExtensionContext.inDirectory(temp.resolve("data"))) {
            CheckResult check = factory.check(factory.configSchema().bind(Map.of()), context);

            assertThat(check.status()).isEqualTo(CheckResult.Status.OK);
            assertThat(check.message()).contains(temp.resolve("data/artifacts").toString()).contains("MiB free");
            try (var leftovers = Files.list(temp.resolve("data/artifacts"))) {
                assertThat(leftovers).as("the probe file is removed").isEmpty();
            }
        }
    }
}
