package dev.slipway.api;

/**
 * Who is responsible for an error. The server maps it to an HTTP status class and decides how loudly to
 * log: user errors log one line, internal errors the stack.
 *
 * @since 0.1
 */
public enum ErrorType
{
    /** The request, configuration or input was wrong; the person who sent it can fix it. @since 0.1 */
    USER_ERROR,
    /** A plugin failed or broke its contract; recorded against that plugin only. @since 0.1 */
    PLUGIN_ERROR,
    /** A system outside Slipway (a git host, a registry, a disk) failed or was unavailable. @since 0.1 */
    EXTERNAL,
    /** A bug or an unexpected state in Slipway itself. @since 0.1 */
    INTERNAL_ERROR,
}
