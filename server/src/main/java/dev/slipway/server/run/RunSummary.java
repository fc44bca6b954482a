package dev.slipway.server.run;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.slipway.server.build.engine.ArtifactOutcome;
import dev.slipway.server.build.engine.BuildReport;
import dev.slipway.server.build.engine.BuildResult;
import dev.slipway.server.build.engine.BuildStatus;
import dev.slipway.server.build.engine.CacheOutcome;
import dev.slipway.server.build.engine.PhaseRecord;

/**
 * The table {@code slipway run} prints after a build: every phase with its status and duration, the artifacts
 * with their size and where they are, the reports with their counts or coverage, the cache's hit or miss, and the
 * build's status.
 */
final class RunSummary
{
    private RunSummary() {}

    static List<String> lines(BuildResult result, ConsoleListener style)
    {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(style.style(ConsoleListener.bold(), String.format(Locale.ROOT, "%-18s %-10s %10s", "PHASE", "STATUS", "DURATION")));
        for (PhaseRecord phase : result.phases()) {
            if (phase.status().isEmpty()) {
                continue;
            }
            BuildStatus status = phase.status().get();
            String attempts = phase.attempts().size() > 1 ? "  (" + phase.attempts().size() + " attempts)" : "";
            lines.add(String.format(Locale.ROOT, "%-18s %s %10s%s", phase.type(), style.style(ConsoleListener.statusColour(status), pad(status.name(), 10)),
                    ConsoleListener.seconds(phase.duration()), attempts));
        }
        if (!result.artifacts().isEmpty()) {
            lines.add("");
            lines.add(style.style(ConsoleListener.bold(), "ARTIFACTS"));
            for (ArtifactOutcome artifact : result.artifacts()) {
                lines.add(String.format(Locale.ROOT, "  %-12s %-28s %10s  %s", artifact.identifier().orElse("primary"), artifact.name(), size(artifact.size()),
                        where(artifact.location()) + (artifact.packaging() == dev.slipway.server.build.engine.ArtifactSettings.Packaging.NONE
                                ? " (" + artifact.fileCount() + " files)" : "")));
            }
        }
        if (!result.reports().isEmpty()) {
            lines.add("");
            lines.add(style.style(ConsoleListener.bold(), "REPORTS"));
            for (BuildReport report : result.reports()) {
                lines.add(String.format(Locale.ROOT, "  %-28s %-16s %s", report.files().reportGroupName(), report.report().format(), report.summary()));
                report.report().problems().forEach(problem -> lines.add("    " + problem));
            }
        }
        result.cache().ifPresent(cache -> {
            lines.add("");
            lines.add(style.style(ConsoleListener.bold(), "CACHE") + cache.key().map(key -> "  key " + key).orElse("  (no key)"));
            lines.add("  restore: " + cache.restore().map(RunSummary::restore).orElse("not attempted"));
            lines.add("  save:    " + cache.save().map(RunSummary::save).orElse("not attempted"));
        });
        lines.add("");
        lines.add(style.style(ConsoleListener.bold(), "Build ") + style.style(ConsoleListener.bold() + ConsoleListener.statusColour(result.status()),
                result.status().name()) + " in " + ConsoleListener.seconds(result.duration()));
        return lines;
    }

    private static String restore(CacheOutcome.Restore restore)
    {
        return restore.hit() ? "hit" + restore.matchedKey().map(key -> " (" + key + ")").orElse("") + ", " + size(restore.size()) : "miss";
    }

    private static String save(CacheOutcome.Save save)
    {
        return save.saved() ? "saved, " + size(save.size()) : "not saved" + save.reason().map(reason -> ": " + reason).orElse("");
    }

    private static String pad(String text, int width)
    {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    static String size(long bytes)
    {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** @return a file location as a path, anything else as it is */
    private static String where(String location)
    {
        if (location.startsWith("file:")) {
            try {
                return Path.of(URI.create(location)).toString();
            }
            catch (IllegalArgumentException e) {
                return location;
            }
        }
        return location;
    }
}
