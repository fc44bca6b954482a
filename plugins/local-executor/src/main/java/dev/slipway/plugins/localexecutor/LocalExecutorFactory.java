package dev.slipway.plugins.localexecutor;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.ExtensionContext;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.config.ValidationIssue;
import dev.slipway.api.config.ValidationResult;
import dev.slipway.api.executor.Executor;
import dev.slipway.api.executor.ExecutorFactory;

import static java.util.Objects.requireNonNull;

/**
 * Describes and creates {@link LocalExecutor}s (factory id {@code local}).
 */
public final class LocalExecutorFactory
        implements ExecutorFactory
{
    private static final ConfigSchema SCHEMA = LocalExecutorConfig.schema();

    @Override
    public String id()
    {
        return "local";
    }

    @Override
    public String displayName()
    {
        return "Local processes";
    }

    @Override
    public String description()
    {
        return "Runs build commands as child processes of the Slipway server, in the build's workspace on this machine, "
                + "with one persistent shell per build.";
    }

    @Override
    public ConfigSchema configSchema()
    {
        return SCHEMA;
    }

    @Override
    public ValidationResult validate(ConfigValues config)
    {
        return LocalExecutorConfig.validate(config);
    }

    @Override
    public Executor create(ConfigValues config, ExtensionContext context)
    {
        requireNonNull(config, "config is null");
        requireNonNull(context, "context is null");
        ValidationResult result = validate(config);
        if (!result.isValid()) {
            throw new SlipwayException(ErrorCode.INVALID_CONFIG, "Invalid local executor configuration: " + result.errors(),
                    result.errors().stream().map(ValidationIssue::toString).toList());
        }
        LocalExecutorConfig executorConfig = LocalExecutorConfig.from(config);
        ToolchainDetector detector = new ToolchainDetector(ToolchainDetector.Locations.ofMachine(System.getenv()),
                context.dataDirectory().resolve("toolchain-shims"), context.logger());
        return new LocalExecutor(executorConfig, System.getenv(), detector, WorkspaceAccess.detect());
    }
}
