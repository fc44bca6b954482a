package dev.slipway.server.build.log;

/**
 * What a build's log holds at one moment.
 *
 * @param lines the number of lines readers can see
 * @param bytes the size of those lines in bytes of UTF-8, each with its {@code \n}
 * @param complete true once the build has ended and its writer completed the log
 */
public record LogInfo(long lines, long bytes, boolean complete)
{
    static final LogInfo EMPTY = new LogInfo(0, 0, false);

    public LogInfo
    {
        if (lines < 0 || bytes < lines) {
            throw new IllegalArgumentException("Impossible log size: " + lines + " lines in " + bytes + " bytes");
        }
    }
}
