package dev.slipway.server.plugin;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.slipway.api.ExtensionContext;
import dev.slipway.api.PluginContext;

/** The server's {@link PluginContext} and {@link ExtensionContext}: plain values, logs named after the plugin. */
final class ServerPluginContext
{
    private ServerPluginContext() {}

    static PluginContext plugin(String pluginId, String pluginVersion, String serverVersion, Path dataDirectory)
    {
        Logger logger = LoggerFactory.getLogger("plugin." + pluginId);
        return new PluginContext()
        {
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
            public Logger logger()
            {
                return logger;
            }
        };
    }

    static ExtensionContext extension(String pluginId, String extensionId, String serverVersion, Path serverDataDirectory, Path dataDirectory)
    {
        requireNonNull(dataDirectory, "dataDirectory is null");
        Logger logger = LoggerFactory.getLogger("plugin." + pluginId + "." + extensionId);
        return new ExtensionContext()
        {
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
            public Logger logger()
            {
                return logger;
            }
        };
    }
}
