package dev.slipway.api;

import java.nio.file.Path;

import org.slf4j.Logger;

/**
 * What the server gives a factory when it creates an extension instance. Implemented by the server (and by
 * the test kit); plugins never implement it, and later versions may add methods.
 *
 * @since 0.1
 */
public interface ExtensionContext
{
    /** @return the id of the plugin that contributed the factory @since 0.1 */
    String pluginId();

    /** @return the id of the factory, e.g. {@code local} @since 0.1 */
    String extensionId();

    /** @return the version of the running Slipway server @since 0.1 */
    String serverVersion();

    /**
     * The server's data directory (for example {@code ./data}); extensions that keep files on the server's disk
     * by default (such as the filesystem artifact store) place them below it unless configured otherwise.
     *
     * @since 0.1
     */
    Path serverDataDirectory();

    /**
     * A directory that belongs to this extension instance alone and survives restarts; created by the
     * server before {@link ExtensionFactory#create} is called.
     *
     * @since 0.1
     */
    Path dataDirectory();

    /** @return a logger whose output is attributed to this extension @since 0.1 */
    Logger logger();
}
