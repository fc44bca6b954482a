package dev.slipway.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import dev.slipway.api.PluginContext;

/**
 * A {@link PluginContext} for unit tests: fixed ids and versions, a data directory that exists, and a
 * {@link RecordingLogger}.
 *
 * <pre>{@code
 * try (TestingPluginContext context = TestingPluginContext.builder().pluginId("slack-notifier").build()) {
 *     plugin.start(context);
 *     assertThat(context.recordingLogger().messages()).contains("Slack notifier ready");
 * }
 * }</pre>
 *
 * <p>Without {@link Builder#dataDirectory}, the context creates a temporary directory and {@link #close()} deletes it;
 * a directory you pass in is created if missing and never deleted.
 *
 * @since 0.1
 */
public final class TestingPluginContext
        implements PluginContext, AutoCloseable
{
    private final String pluginId;
    private final String pluginVersion;
    private final String serverVersion;
    private final Path dataDirectory;
    private final boolean ownsDataDirectory;
    private final RecordingLogger logger;

    private TestingPluginContext(Builder builder)
    {
        this.pluginId = builder.pluginId;
        this.pluginVersion = builder.pluginVersion;
        this.serverVersion = builder.serverVersion;
        this.ownsDataDirectory = builder.dataDirectory == null;
        this.dataDirectory = ownsDataDirectory
                ? TestFiles.createTempDirectory("slipway-plugin-" + pluginId + "-")
                : TestFiles.createDirectories(builder.dataDirectory);
        this.logger = new RecordingLogger("slipway.plugin." + pluginId);
    }

    /** @return a context for plugin {@code test-plugin} with a temporary data directory @since 0.1 */
    public static TestingPluginContext create()
    {
        return builder().build();
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
    public String pluginVersion()
    {
        return pluginVersion;
    }

    @Override
    public String serverVersion()
    {
        return serverVersion;
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

    /** Deletes the data directory if this context created it. Idempotent. @since 0.1 */
    @Override
    public void close()
            throws IOException
    {
        if (ownsDataDirectory) {
            TestFiles.deleteRecursively(dataDirectory);
        }
    }

    @Override
    public String toString()
    {
        return "TestingPluginContext[" + pluginId + " " + pluginVersion + "]";
    }

    /**
     * Builds a {@link TestingPluginContext}.
     *
     * @since 0.1
     */
    public static final class Builder
    {
        private String pluginId = "test-plugin";
        private String pluginVersion = "0.1.0";
        private String serverVersion = "0.1.0";
        private Path dataDirectory;

        private Builder() {}

        /** @since 0.1 */
        public Builder pluginId(String pluginId)
        {
            this.pluginId = Objects.requireNonNull(pluginId, "pluginId is null");
            return this;
        }

        /** @since 0.1 */
        public Builder pluginVersion(String pluginVersion)
        {
            this.pluginVersion = Objects.requireNonNull(pluginVersion, "pluginVersion is null");
            return this;
        }

        /** @since 0.1 */
        public Builder serverVersion(String serverVersion)
        {
            this.serverVersion = Objects.requireNonNull(serverVersion, "serverVersion is null");
            return this;
        }

        /** Uses (and creates if needed) this directory; it is never deleted by the context. @since 0.1 */
        public Builder dataDirectory(Path dataDirectory)
        {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory is null");
            return this;
        }

        /** @since 0.1 */
        public TestingPluginContext build()
        {
            return new TestingPluginContext(this);
        }
    }
}
