package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One named executor of the {@code executors} section of {@code slipway.yml}: an instance of an executor factory that
 * projects name in {@code environment.executor}.
 *
 * <pre>{@code
 * executors:
 *   local:
 *     factory: local
 *     slots: 2
 *     config:
 *       detect-toolchains: false
 * }</pre>
 *
 * @param factory the executor factory id a plugin contributes, e.g. {@code local}
 * @param slots how many builds may run on it at once; when absent, what the executor itself answers
 *        ({@code Executor.capacity()}: the local executor answers the number of processor cores)
 * @param config the factory's configuration, checked against its schema when the executor is first used
 */
public record ExecutorConfig(String factory, Optional<Integer> slots, Map<String, Object> config)
{
    static final Pattern FACTORY_ID = Pattern.compile("[a-z][a-z0-9-]*");

    public ExecutorConfig
    {
        requireNonNull(factory, "factory is null");
        requireNonNull(slots, "slots is null");
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        if (!FACTORY_ID.matcher(factory).matches()) {
            throw new ConfigValueException("factory", "must be an executor factory id such as 'local' ([a-z][a-z0-9-]*), was '" + factory + "'");
        }
        if (slots.isPresent() && (slots.get() < 1 || slots.get() > 10_000)) {
            throw new ConfigValueException("slots", "must be between 1 and 10000, was " + slots.get());
        }
    }
}
