package dev.slipway.server.build.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the duration notations of the report formats. A duration that cannot be read counts as zero. */
final class Durations
{
    // Thousands grouped with commas, as Surefire 2.x wrote long suite times ("1,024.612"), and as a lone integer
    // group ("1,024") — but "0,5", from tools that use the decimal comma of their locale, is half a second.
    private static final Pattern GROUPED = Pattern.compile("[1-9]\\d{0,2}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern TIME_SPAN = Pattern.compile("(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2}):(\\d{2}(?:\\.\\d+)?)");

    private Durations() {}

    /** Seconds as a decimal number: {@code 0.245}, {@code 1,024.612}, {@code 0,5}, {@code 12}. */
    static Duration seconds(String text)
    {
        String value = text.strip();
        if (value.isEmpty()) {
            return Duration.ZERO;
        }
        if (GROUPED.matcher(value).matches()) {
            value = value.replace(",", "");
        }
        else if (value.indexOf(',') >= 0 && value.indexOf('.') < 0 && value.indexOf(',') == value.lastIndexOf(',')) {
            value = value.replace(',', '.');
        }
        try {
            BigDecimal seconds = new BigDecimal(value);
            if (seconds.signum() < 0) {
                return Duration.ZERO;
            }
            return Duration.ofNanos(seconds.movePointRight(9).longValue());
        }
        catch (NumberFormatException | ArithmeticException e) {
            return Duration.ZERO;
        }
    }

    static Duration milliseconds(String text)
    {
        try {
            long millis = Long.parseLong(text.strip());
            return millis < 0 ? Duration.ZERO : Duration.ofMillis(millis);
        }
        catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    static Duration nanoseconds(long nanos)
    {
        return nanos < 0 ? Duration.ZERO : Duration.ofNanos(nanos);
    }

    /** .NET's TimeSpan text as TRX writes it: {@code 00:00:00.0032953}, with days as {@code 1.02:03:04.5}. */
    static Duration timeSpan(String text)
    {
        Matcher matcher = TIME_SPAN.matcher(text.strip());
        if (!matcher.matches()) {
            return Duration.ZERO;
        }
        long days = matcher.group(1) == null ? 0 : Long.parseLong(matcher.group(1));
        long hours = Long.parseLong(matcher.group(2));
        long minutes = Long.parseLong(matcher.group(3));
        Duration seconds = seconds(matcher.group(4));
        return Duration.ofDays(days).plusHours(hours).plusMinutes(minutes).plus(seconds);
    }
}
