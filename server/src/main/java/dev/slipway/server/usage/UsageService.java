package dev.slipway.server.usage;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.server.build.BuildService;
import dev.slipway.server.build.BuildTimings;
import dev.slipway.server.project.ProjectService;

/**
 * Build minutes per project, per day and in total, from the builds' phase timings. Billed phases are PROVISIONING,
 * DOWNLOAD_SOURCE, INSTALL, PRE_BUILD, BUILD, POST_BUILD, UPLOAD_ARTIFACTS and FINALIZING; a phase that still runs is
 * not counted yet. A build's minutes belong to the day (UTC) it started running.
 *
 * <p>Thread-safe.
 */
@Singleton
public final class UsageService
{
    private static final Set<String> BILLED = Set.of("PROVISIONING", "DOWNLOAD_SOURCE", "INSTALL", "PRE_BUILD", "BUILD", "POST_BUILD", "UPLOAD_ARTIFACTS",
            "FINALIZING");

    private final BuildService builds;
    private final ProjectService projects;

    @Inject
    public UsageService(BuildService builds, ProjectService projects)
    {
        this.builds = requireNonNull(builds, "builds is null");
        this.projects = requireNonNull(projects, "projects is null");
    }

    /**
     * @param since ISO-8601 instant: builds that started at or after it
     * @param until ISO-8601 instant: builds that started before it
     * @param project only this project
     * @throws SlipwayException INVALID_ARGUMENT naming a bad instant; NOT_FOUND for an unknown project
     */
    public UsageJson usage(String since, String until, String project)
    {
        List<String> problems = new ArrayList<>();
        Optional<Instant> from = instant("since", since, problems);
        Optional<Instant> to = instant("until", until, problems);
        if (!problems.isEmpty()) {
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT, "Invalid usage query: " + String.join("; ", problems), problems);
        }
        Optional<String> projectFilter = Optional.ofNullable(project).filter(name -> !name.isBlank());
        projectFilter.ifPresent(projects::get);

        Map<String, Map<LocalDate, long[]>> byProject = new TreeMap<>();
        for (BuildTimings build : builds.timings(from, to, projectFilter)) {
            long millis = 0;
            for (BuildTimings.PhaseTiming phase : build.phases()) {
                if (BILLED.contains(phase.type()) && phase.end().isPresent()) {
                    millis += Math.max(0, Duration.between(phase.start(), phase.end().get()).toMillis());
                }
            }
            long[] day = byProject.computeIfAbsent(build.project(), name -> new TreeMap<>())
                    .computeIfAbsent(LocalDate.ofInstant(build.startTime(), ZoneOffset.UTC), date -> new long[2]);
            day[0] += millis;
            day[1]++;
        }
        List<UsageJson.ProjectUsageJson> result = new ArrayList<>();
        long totalMillis = 0;
        for (Map.Entry<String, Map<LocalDate, long[]>> entry : byProject.entrySet()) {
            long projectMillis = 0;
            int projectBuilds = 0;
            List<UsageJson.DayUsageJson> days = new ArrayList<>();
            for (Map.Entry<LocalDate, long[]> day : entry.getValue().entrySet()) {
                days.add(new UsageJson.DayUsageJson(day.getKey(), minutes(day.getValue()[0]), (int) day.getValue()[1]));
                projectMillis += day.getValue()[0];
                projectBuilds += (int) day.getValue()[1];
            }
            result.add(new UsageJson.ProjectUsageJson(entry.getKey(), minutes(projectMillis), projectBuilds, days));
            totalMillis += projectMillis;
        }
        return new UsageJson(minutes(totalMillis), result);
    }

    /** Minutes with four decimals: a trivial build's few milliseconds still show. */
    private static double minutes(long millis)
    {
        return Math.round(millis / 60_000.0 * 10_000) / 10_000.0;
    }

    private static Optional<Instant> instant(String field, String text, List<String> problems)
    {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.trim()));
        }
        catch (DateTimeParseException e) {
            problems.add(field + ": must be an ISO-8601 instant such as 2026-11-26T00:00:00Z, was '" + text + "'");
            return Optional.empty();
        }
    }
}
