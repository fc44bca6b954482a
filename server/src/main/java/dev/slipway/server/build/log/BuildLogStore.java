package dev.slipway.server.build.log;

import java.io.IOException;

/**
 * The build logs of this server (contracts-service.md), as far as the build service uses them. The log helper's
 * implementation, with reading, following and the REST endpoints, replaces this file when it is merged.
 */
public interface BuildLogStore
{
    /**
     * Opens a build's log for appending: creates it, or continues it after a restart. One writer per build at a time.
     *
     * @throws dev.slipway.api.SlipwayException CONFLICT if the build's log is already open for writing or is complete
     * @throws IOException if the files cannot be created or read
     */
    BuildLogWriter open(String buildId)
            throws IOException;

    /** @return true if the build has a log (possibly empty) */
    boolean exists(String buildId);

    /**
     * @return the number of lines and bytes readers can see now, and whether the log is complete
     * @throws dev.slipway.api.SlipwayException NOT_FOUND if the build has no log
     */
    LogInfo info(String buildId);

    /**
     * Deletes the build's log. Deleting a log that does not exist does nothing.
     *
     * @throws dev.slipway.api.SlipwayException CONFLICT if the log is open for writing
     * @throws IOException if a file cannot be deleted
     */
    void delete(String buildId)
            throws IOException;
}
