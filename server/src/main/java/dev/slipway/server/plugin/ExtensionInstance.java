package dev.slipway.server.plugin;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

import dev.slipway.api.ExtensionKind;

/**
 * A configured extension instance from {@link ExtensionInstances}, with the way to call it. Valid until its plugin
 * stops; do not keep it longer than the work it serves, and never in a static field.
 *
 * @param <T> the instance type, e.g. {@code ArtifactStore}
 */
public final class ExtensionInstance<T extends AutoCloseable>
{
    private final ExtensionKind kind;
    private final String factoryId;
    private final T instance;
    private final Class<T> type;
    private final PluginOwner owner;
    private final PluginInvoker invoker;

    ExtensionInstance(ExtensionKind kind, String factoryId, Class<T> type, T instance, PluginOwner owner, PluginInvoker invoker)
    {
        this.type = requireNonNull(type, "type is null");
        this.kind = requireNonNull(kind, "kind is null");
        this.factoryId = requireNonNull(factoryId, "factoryId is null");
        this.instance = requireNonNull(instance, "instance is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.invoker = requireNonNull(invoker, "invoker is null");
    }

    public ExtensionKind kind()
    {
        return kind;
    }

    public String factoryId()
    {
        return factoryId;
    }

    public String pluginId()
    {
        return owner.pluginId();
    }

    /** @return the plugin object itself; call it through {@link #call} (or {@link PluginInvoker}) */
    public T instance()
    {
        return instance;
    }

    /**
     * A view of the instance for the calls the plugin API says run on the caller's thread (an executor's
     * {@code provision} and its environment's shells on the build thread, an artifact store during a build): each call
     * runs with the plugin's class loader as the thread's context class loader, and so do the calls on the API objects
     * it returns. No timeout applies; the caller interrupts to cancel, as the API allows.
     */
    public T inPluginContext()
    {
        return ContextClassLoaderProxy.wrap(type, instance, owner.classLoader());
    }

    /** Calls the instance through {@link PluginInvoker} with the configured timeout. */
    public <R> R call(String operation, ExtensionCall<T, R> call)
    {
        return invoker.call(owner, kind.id() + " '" + factoryId + "' " + operation, () -> call.apply(instance));
    }

    /** Calls the instance through {@link PluginInvoker} with the given timeout. */
    public <R> R call(String operation, Duration timeout, ExtensionCall<T, R> call)
    {
        return invoker.call(owner, kind.id() + " '" + factoryId + "' " + operation, timeout, () -> call.apply(instance));
    }

    /**
     * A call on an extension instance.
     *
     * @param <T> the instance type
     * @param <R> what the call returns
     */
    @FunctionalInterface
    public interface ExtensionCall<T, R>
    {
        R apply(T instance)
                throws Exception;
    }

    @Override
    public String toString()
    {
        return kind.id() + " '" + factoryId + "' of plugin '" + owner.pluginId() + "'";
    }
}
