package dev.slipway.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import dev.slipway.api.ExtensionContext;

/**
 * An {@link ExtensionContext} for unit tests: fixed ids and versions, a server data directory and an extension
 * data directory that exist, and a {@link RecordingLogger}.
 *
 * <pre>{@code
 * @TempDir Path temp;
 *
 * @Test
 * void storesUnderTheServerDataDirectoryByDefault() {
 *     TestingExtensionContext context = TestingExtensionContext.builder().serverDataDirectory(temp).build();
 *     ArtifactStore store = factory.create(factory.configSchema().bind(Map.of()), context);
 *     …
 * }
 * }</pre>
 *
 * <p>The extension data directory defaults to {@code <serverDataDirectory>/plugins/<pluginId>/extensions/<extensionId>}.
 * Without {@link Builder#serverDataDirectory}, the context creates a temporary directory and {@link #close()} deletes
 * it; directories you pass in are created if missing and never deleted.
 *
 * @since 0.1
 */
public final class TestingExtensionContext
        implements ExtensionContext, AutoCloseable
{
    private final String pluginId;
    private final String extensionId;
    private final String serverVersion;
    private final Path serverDataDirectory;
    private final Path dataDirectory;
    private final boolean ownsServerDataDirectory;
    private final RecordingLogger logger;

    private TestingExtensionContext(Builder builder)
    {
        this.pluginId = builder.pluginId;
        this.extensionId = builder.extensionId;
        this.serverVersion = builder.serverVersion;
        this.ownsServerDataDirectory = builder.serverDataDirectory == null;
        this.serverDataDirectory = ownsServerDataDirectory
                ? TestFiles.createTempDirectory("slipway-data-")
                : TestFiles.createDirectories(builder.serverDataDirectory);
        this.dataDirectory = TestFiles.createDirectories(builder.dataDirectory != null
                ? builder.dataDirectory
                : serverDataDirectory.resolve("plugins").resolve(pluginId).resolve("extensions").resolve(extensionId));
        this.logger = new RecordingLogger("slipway.extension." + pluginId + "." + extensionId);
    }

    /** @return a context with a temporary server data directory that {@link #close()} deletes @since 0.1 */
    public static TestingExtensionContext create()
    {
        return builder().build();
    }

    /** @return a context whose server data directory is {@code serverDataDirectory} @since 0.1 */
    public static TestingExtensionContext inDirectory(Path serverDataDirectory)
    {
        return builder().serverDataDirectory(serverDataDirectory).build();
    }

    /** @since 0.1 */
    public static Builder builder()
    {
        return new Builder();
    }

    @Override
    public String pluginId()
    {
        return pluginId;
    }

    @Override
    public String extensionId()
    {
        return extensionId;
    }

    @Override
    public String serverVersion()
    {
        return serverVersion;
    }

    @Override
    public Path serverDataDirectory()
    {
        return serverDataDirectory;
    }

    @Override
    public Path dataDirectory()
    {
        return dataDirectory;
    }

    @Override
    public RecordingLogger logger()
    {
        return logger;
    }

    /** @return the same logger as {@link #logger()}, typed for assertions @since 0.1 */
    public RecordingLogger recordingLogger()
    {
        return logger;
    }

    /** Deletes the server data directory if this context created it. Idempotent. @since 0.1 */
    @Override
    public void close()
            throws IOException
    {
        if (ownsServerDataDirectory) {
            TestFiles.deleteRecursively(serverDataDirectory);
        }
    }

    @Override
    public String toString()
    {
        return "TestingExtensionContext[" + pluginId + "/" + extensionId + " in " + serverDataDirectory + "]";
    }

    /**
     * Builds a {@link TestingExtensionContext}.
     *
     * @since 0.1
     */
    public static final class Builder
    {
        private String pluginId = "test-plugin";
        private String extensionId = "test";
        private String serverVersion = "0.1.0";
        private Path serverDataDirectory;
        private Path dataDirectory;

        private Builder() {}

        /** @since 0.1 */
        public Builder pluginId(String pluginId)
        {
            this.pluginId = Objects.requireNonNull(pluginId, "pluginId is null");
            return this;
        }

        /** @since 0.1 */
        public Builder extensionId(String extensionId)
        {
            this.extensionId = Objects.requireNonNull(extensionId, "extensionId is null");
            return this;
        }

        /** @since 0.1 */
        public Builder serverVersion(String serverVersion)
        {
            this.serverVersion = Objects.requireNonNull(serverVersion, "serverVersion is null");
            return this;
        }

        /** Uses (and creates if needed) this directory; it is never deleted by the context. @since 0.1 */
        public Builder serverDataDirectory(Path serverDataDirectory)
        {
            this.serverDataDirectory = Objects.requireNonNull(serverDataDirectory, "serverDataDirectory is null");
            return this;
        }

        /** Uses (and creates if needed) this directory as the extension's own; never deleted by the context. @since 0.1 */
        public Builder dataDirectory(Path dataDirectory)
        {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory is null");
            return this;
        }

        /** @since 0.1 */
        public TestingExtensionContext build()
        {
            return new TestingExtensionContext(this);
        }
    }
}
