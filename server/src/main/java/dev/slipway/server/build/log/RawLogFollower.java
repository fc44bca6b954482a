package dev.slipway.server.build.log;

/**
 * A {@link LogFollower} that takes lines as the bytes of the file; the store calls {@link #rawLines} instead of
 * {@link #lines}. Only for followers in this package that pass the bytes on unchanged.
 */
interface RawLogFollower
        extends LogFollower
{
    /** Like {@link #lines}, with the lines as they are in the file. */
    void rawLines(long firstLine, RawLines lines)
            throws Exception;
}
