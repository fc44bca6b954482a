package dev.slipway.testkit;

import java.lang.management.ManagementFactory;

/**
 * Measures live heap after a full collection, to tell a component that streams from one that buffers: buffering
 * 64 MiB shows as tens of MiB of live heap half-way through, streaming does not.
 */
final class HeapProbe
{
    private HeapProbe() {}

    /** @return false when explicit collections are disabled, so that measurements would mean nothing */
    static boolean canMeasure()
    {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .noneMatch(argument -> argument.contains("DisableExplicitGC") && argument.startsWith("-XX:+"));
    }

    static long usedAfterFullCollection()
    {
        // Two rounds: the first may only finalize what the second then frees.
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
