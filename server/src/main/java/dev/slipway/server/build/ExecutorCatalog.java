package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.api.ExtensionKind;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.executor.Executor;
import dev.slipway.server.config.ExecutorConfig;
import dev.slipway.server.config.SlipwayConfig;
import dev.slipway.server.plugin.ExtensionInstance;
import dev.slipway.server.plugin.ExtensionInstances;
import dev.slipway.server.plugin.ExtensionRegistry;

/**
 * The executors of the server's {@code executors:} section, by name: whether each is available (its factory's plugin is
 * started and its configuration is accepted) and how many builds it runs at once (its {@code slots}, or what the
 * executor answers). States are kept until a plugin starts or stops, so the scheduler asks without calling plugins.
 *
 * <p>Thread-safe.
 */
@Singleton
final class ExecutorCatalog
{
    private static final Logger log = LoggerFactory.getLogger(ExecutorCatalog.class);

    private final Map<String, ExecutorConfig> executors;
    private final ExtensionRegistry registry;
    private final ExtensionInstances instances;
    private final Map<String, ExecutorState> states = new LinkedHashMap<>();

    @Inject
    ExecutorCatalog(SlipwayConfig config, ExtensionRegistry registry, ExtensionInstances instances)
    {
        this.executors = config.executors();
        this.registry = requireNonNull(registry, "registry is null");
        this.instances = requireNonNull(instances, "instances is null");
        registry.addChangeListener(this::forget);
    }

    /** @return the state of every configured executor, by name; computed once after each plugin change */
    Map<String, ExecutorState> states()
    {
        Map<String, ExecutorState> result = new LinkedHashMap<>();
        for (String name : executors.keySet()) {
            result.put(name, state(name));
        }
        return result;
    }

    /** @return the state of an executor; an unknown name is unavailable */
    ExecutorState state(String name)
    {
        synchronized (states) {
            ExecutorState known = states.get(name);
            if (known != null) {
                return known;
            }
        }
        ExecutorState computed = compute(name);
        synchronized (states) {
            states.putIfAbsent(name, computed);
            return states.get(name);
        }
    }

    /**
     * @return the executor instance to run a build on
     * @throws SlipwayException NOT_FOUND if the factory is not installed, INVALID_CONFIG if the configuration is refused,
     *         PLUGIN_FAILURE if the plugin fails
     */
    ExtensionInstance<Executor> instance(String name)
    {
        ExecutorConfig config = executors.get(name);
        if (config == null) {
            throw new SlipwayException(dev.slipway.api.ErrorCode.NOT_FOUND, "Executor '" + name + "' is not configured; configured executors: "
                    + executors.keySet());
        }
        return instances.instance(ExtensionKind.EXECUTOR, config.factory(), config.config(), Executor.class);
    }

    /** @return {@code executor 'local' (factory 'local')}, for messages */
    String describe(String name)
    {
        ExecutorConfig config = executors.get(name);
        return "executor '" + name + "'" + (config == null ? "" : " (factory '" + config.factory() + "')");
    }

    private ExecutorState compute(String name)
    {
        ExecutorConfig config = executors.get(name);
        if (config == null) {
            return ExecutorState.unavailable("executor '" + name + "' is not configured (configured executors: " + executors.keySet() + ")");
        }
        if (registry.find(ExtensionKind.EXECUTOR, config.factory()).isEmpty()) {
            return ExecutorState.unavailable("executor '" + name + "' is unavailable: no plugin provides its factory '" + config.factory()
                    + "' (the plugin is stopped, failed or not installed)");
        }
        try {
            ExtensionInstance<Executor> executor = instance(name);
            int slots = config.slots().orElseGet(() -> executor.call("capacity", Executor::capacity));
            if (slots < 1) {
                return ExecutorState.unavailable("executor '" + name + "' reports a capacity of " + slots + "; set executors." + name + ".slots");
            }
            return ExecutorState.available(slots);
        }
        catch (SlipwayException e) {
            log.warn("Executor '{}' is unavailable: {}", name, e.getMessage());
            return ExecutorState.unavailable("executor '" + name + "' is unavailable: " + e.getMessage());
        }
    }

    private void forget()
    {
        synchronized (states) {
            states.clear();
        }
    }

    /**
     * @param slots how many builds it runs at once (when available)
     * @param reason why it is unavailable
     */
    record ExecutorState(boolean available, int slots, Optional<String> reason)
    {
        static ExecutorState available(int slots)
        {
            return new ExecutorState(true, slots, Optional.empty());
        }

        static ExecutorState unavailable(String reason)
        {
            return new ExecutorState(false, 0, Optional.of(reason));
        }
    }
}
