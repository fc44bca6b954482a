package dev.slipway.plugins.localexecutor;

import java.io.IOException;
import java.util.Map;

import dev.slipway.api.executor.ExecutorFactory;
import dev.slipway.testkit.ExecutorBehavior;
import dev.slipway.testkit.ExecutorContractTest;

/**
 * The local executor against the plugin test kit's executor contract: every behaviour, with {@code run-as} only when
 * the tests run as root (as on the build machine), since only root can switch users.
 */
class LocalExecutorContractTest
        extends ExecutorContractTest
{
    @Override
    protected ExecutorFactory factory()
    {
        return new LocalExecutorFactory();
    }

    @Override
    protected Map<String, ?> validConfig()
    {
        // Toolchain detection is the detector's own tests' business; the contract needs shells only.
        return Map.of("detect-toolchains", false);
    }

    @Override
    protected boolean hasBehavior(ExecutorBehavior behavior)
    {
        if (behavior == ExecutorBehavior.RUN_AS) {
            return isRoot();
        }
        return super.hasBehavior(behavior);
    }

    private static boolean isRoot()
    {
        try {
            return UserAccount.currentUid() == 0;
        }
        catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
