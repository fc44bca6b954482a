package dev.slipway.testkit;

import java.util.List;
import java.util.Map;

import dev.slipway.api.executor.ExecutorFactory;

final class ScriptedExecutorTest
        extends ExecutorContractTest
{
    @Override
    protected ExecutorFactory factory()
    {
        return new ScriptedExecutorFactory();
    }

    @Override
    protected Map<String, ?> validConfig()
    {
        return Map.of("environment", List.of("GREETING=hello from the executor", "HOME=/nonexistent"));
    }

    @Override
    protected boolean hasBehavior(ExecutorBehavior behavior)
    {
        return switch (behavior) {
            case POSIX_SHELL -> false;
            default -> super.hasBehavior(behavior);
        };
    }
}
