package dev.slipway.server.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Times, durations and sizes as people read them in a table, and the times people type ({@code --since 2h}). */
final class HumanText
{
    private static final Pattern AGE = Pattern.compile("(\\d{1,9})\\s*(s|m|min|h|d|w)");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private HumanText() {}

    /** @return {@code just now}, {@code 12 s ago}, {@code 3 min ago}, {@code 2 h ago}, {@code 4 d ago}, or the date after 30 days */
    static String ago(Instant time, Instant now)
    {
        long seconds = Duration.between(time, now).getSeconds();
        if (seconds < 0) {
            // The server's clock is ahead of this machine's.
            return seconds > -60 ? "just now" : "in " + ago(now, time).replace(" ago", "");
        }
        if (seconds < 1) {
            return "just now";
        }
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h ago";
        }
        if (seconds < 30 * 86_400) {
            return seconds / 86_400 + " d ago";
        }
        return LocalDate.ofInstant(time, ZoneOffset.UTC).toString();
    }

    /** @return the instant of a JSON field that holds one, if it does */
    static Optional<Instant> instant(JsonNode node)
    {
        if (node == null || !node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.asText()));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** @return the field's instant as {@link #ago}, or {@code -} */
    static String ago(JsonNode node, Instant now)
    {
        return instant(node).map(time -> ago(time, now)).orElse("-");
    }

    /** @return {@code 850 ms}, {@code 12.3 s}, {@code 3 min 4 s}, {@code 2 h 5 min} */
    static String duration(Duration duration)
    {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    /** @return {@code 512 B}, {@code 4.5 KB}, {@code 12.0 MB}, … (binary multiples) */
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

    /**
     * Reads a time people type: an ISO-8601 instant ({@code 2026-11-26T13:00:00Z}), a date (its start, UTC) or an age
     * before now ({@code 30m}, {@code 2h}, {@code 7d}, {@code 1w}).
     *
     * @throws IllegalArgumentException saying what would have worked
     */
    static Instant time(String text, Instant now)
    {
        String trimmed = text.trim();
        Matcher age = AGE.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (age.matches()) {
            long amount = Long.parseLong(age.group(1));
            Duration unit = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m", "min" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        try {
            if (DATE.matcher(trimmed).matches()) {
                return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(trimmed);
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an instant (2026-11-26T13:00:00Z), a date (2026-11-26) or an age before now (30m, 2h, 7d), was '"
                    + text + "'");
        }
    }
}
