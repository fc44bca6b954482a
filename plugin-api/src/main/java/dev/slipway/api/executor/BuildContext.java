package dev.slipway.api.executor;

/**
 * The build an executor call is made for. Implemented by the server (and the test kit); later versions may add
 * methods.
 *
 * @since 0.1
 */
public interface BuildContext
{
    /** @return {@code <project>:<uuid>} @since 0.1 */
    String buildId();

    /** @return the project's name @since 0.1 */
    String projectName();

    /** @return the per-project build number, starting at 1 @since 0.1 */
    long buildNumber();

    /**
     * Where the executor writes messages for the build's log (e.g. "Pulling image …"). Lines are masked and
     * stored like command output.
     *
     * @since 0.1
     */
    LogSink log();
}
