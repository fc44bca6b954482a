/**
 * Plugins for the server's tests, packaged into zips with {@code PluginArchive}. They are on the test class path, but
 * the server's plugin class loaders do not see it, so each loads from its zip as a real plugin would. Their
 * observable effects go to files in their data directories ({@code events.log}), the only channel a plugin shares with
 * a test.
 */
package dev.slipway.testplugins;
