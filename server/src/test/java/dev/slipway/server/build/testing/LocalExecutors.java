package dev.slipway.server.build.testing;

import java.nio.file.Path;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.slipway.api.ExtensionContext;
import dev.slipway.api.executor.Executor;
import dev.slipway.plugins.localexecutor.LocalExecutorFactory;

/** Creates the real local executor in-process, as the server does with its default configuration; {@code dataDirectory} must exist. */
public final class LocalExecutors
{
    private LocalExecutors() {}

    public static Executor create(Path dataDirectory)
    {
        LocalExecutorFactory factory = new LocalExecutorFactory();
        ExtensionContext context = new ExtensionContext()
        {
            @Override
            public String pluginId()
            {
                return "local-executor";
            }

            @Override
            public String extensionId()
            {
                return factory.id();
            }

            @Override
            public String serverVersion()
            {
                return "0.1.0";
            }

            @Override
            public Path serverDataDirectory()
            {
                return dataDirectory;
            }

            @Override
            public Path dataDirectory()
            {
                return dataDirectory;
            }

            @Override
            public Logger logger()
            {
                return LoggerFactory.getLogger("slipway.extension.local-executor.local");
            }
        };
        return factory.create(factory.configSchema().bind(Map.of()), context);
    }
}
