package dev.slipway.server.plugin;

/**
 * A piece of code that calls into a plugin, run by {@link PluginInvoker}.
 *
 * @param <T> what it returns ({@code Void} for actions)
 */
@FunctionalInterface
public interface PluginCall<T>
{
    T call()
            throws Exception;
}
