package dev.slipway.server.build.report;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The totals of one suite across all parsed files, counted over every test case, including those a truncated report
 * does not list.
 */
public record TestSuiteSummary(String name, Map<TestStatus, Integer> counts, Duration duration)
{
    public TestSuiteSummary
    {
        requireNonNull(name, "name is null");
        requireNonNull(duration, "duration is null");
        counts = completeCounts(counts);
    }

    public int total()
    {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(TestStatus status)
    {
        return counts.get(status);
    }

    static Map<TestStatus, Integer> completeCounts(Map<TestStatus, Integer> counts)
    {
        EnumMap<TestStatus, Integer> complete = new EnumMap<>(TestStatus.class);
        for (TestStatus status : TestStatus.values()) {
            complete.put(status, counts.getOrDefault(status, 0));
        }
        return Collections.unmodifiableMap(complete);
    }
}
