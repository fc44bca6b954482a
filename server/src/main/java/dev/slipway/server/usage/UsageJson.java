package dev.slipway.server.usage;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/v1/usage}: build minutes, counted as CodeBuild bills them: the time of the phases PROVISIONING
 * through FINALIZING (queue time excluded), in minutes with fractions, of the builds that started in the range.
 *
 * @param totalBuildMinutes over every project listed
 * @param projects by name
 */
public record UsageJson(double totalBuildMinutes, List<ProjectUsageJson> projects)
{
    public UsageJson
    {
        projects = List.copyOf(projects);
    }

    /**
     * @param builds the builds that started in the range
     * @param days the days (UTC, by the build's start) that had builds, oldest first
     */
    public record ProjectUsageJson(String project, double buildMinutes, int builds, List<DayUsageJson> days)
    {
        public ProjectUsageJson
        {
            days = List.copyOf(days);
        }
    }

    public record DayUsageJson(LocalDate date, double buildMinutes, int builds)
    {
    }
}
