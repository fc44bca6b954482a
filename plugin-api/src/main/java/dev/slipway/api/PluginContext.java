package dev.slipway.api;

import java.nio.file.Path;

import org.slf4j.Logger;

/**
 * What the server gives a plugin when it starts it. Implemented by the server (and by the test kit);
 * plugins never implement it, and later versions may add methods.
 *
 * @since 0.1
 */
public interface PluginContext
{
    /** @return the plugin's id from its manifest ({@code Plugin-Id}) @since 0.1 */
    String pluginId();

    /** @return the plugin's version from its manifest ({@code Plugin-Version}) @since 0.1 */
    String pluginVersion();

    /** @return the version of the running Slipway server, e.g. {@code 0.1.0} @since 0.1 */
    String serverVersion();

    /**
     * A directory that belongs to this plugin alone and survives restarts and upgrades; created by the
     * server before {@link SlipwayPlugin#start} is called.
     *
     * @since 0.1
     */
    Path dataDirectory();

    /** @return a logger whose output is attributed to this plugin @since 0.1 */
    Logger logger();
}
