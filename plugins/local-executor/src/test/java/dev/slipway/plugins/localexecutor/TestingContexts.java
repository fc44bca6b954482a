package dev.slipway.plugins.localexecutor;

import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.slipway.api.ExtensionContext;
import dev.slipway.api.executor.BuildContext;
import dev.slipway.api.executor.EnvironmentRequest;
import dev.slipway.api.executor.LogSink;

/** Hand-written contexts for calling the executor as the server would. */
final class TestingContexts
{
    private TestingContexts() {}

    static EnvironmentRequest request(Path workspace)
    {
        return request(workspace, Optional.empty());
    }

    static EnvironmentRequest request(Path workspace, Optional<String> image)
    {
        return new EnvironmentRequest()
        {
            @Override
            public String buildId()
            {
                return "demo:00000000-0000-0000-0000-000000000001";
            }

            @Override
            public Path workspace()
            {
                return workspace;
            }

            @Override
            public Optional<String> image()
            {
                return image;
            }

            @Override
            public String computeType()
            {
                return "BUILD_GENERAL1_SMALL";
            }

            @Override
            public boolean privileged()
            {
                return false;
            }
        };
    }

    static BuildContext build(LogSink log)
    {
        return new BuildContext()
        {
            @Override
            public String buildId()
            {
                return "demo:00000000-0000-0000-0000-000000000001";
            }

            @Override
            public String projectName()
            {
                return "demo";
            }

            @Override
            public long buildNumber()
            {
                return 1;
            }

            @Override
            public LogSink log()
            {
                return log;
            }
        };
    }

    static ExtensionContext extension(Path dataDirectory)
    {
        return new ExtensionContext()
        {
            @Override
            public String pluginId()
            {
                return "local-executor";
            }

            @Override
            public String extensionId()
            {
                return "local";
            }

            @Override
            public String serverVersion()
            {
                return "0.1.0-SNAPSHOT";
            }

            @Override
            public Path serverDataDirectory()
            {
                return dataDirectory.getParent();
            }

            @Override
            public Path dataDirectory()
            {
                return dataDirectory;
            }

            @Override
            public Logger logger()
            {
                return LoggerFactory.getLogger("local-executor-test");
            }
        };
    }
}
