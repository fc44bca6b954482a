package dev.slipway.server.build.report;

/**
 * Collects text up to a limit and counts what it leaves out, so that messages and stack traces of any size cost a
 * bounded amount of memory.
 */
final class LimitedText
{
    /** Longest note {@link #toString()} appends, so that a second cut can leave it alone. */
    static final int NOTE_ROOM = 48;

    private final int limit;
    private final StringBuilder text = new StringBuilder();
    private long omitted;

    LimitedText(int limit)
    {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    void append(char[] characters, int start, int length)
    {
        int room = limit - text.length();
        int taken = Math.max(0, Math.min(room, length));
        text.append(characters, start, taken);
        omitted += length - taken;
    }

    void append(String value)
    {
        append(value.toCharArray(), 0, value.length());
    }

    @Override
    public String toString()
    {
        return omitted == 0 ? text.toString() : text + "\n[" + omitted + " more characters not shown]";
    }

    /** @return {@code value} cut to {@code limit} characters, with a note of how many were cut */
    static String cut(String value, int limit)
    {
        LimitedText text = new LimitedText(limit);
        text.append(value);
        return text.toString();
    }
}
