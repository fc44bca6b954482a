package dev.slipway.api;

import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.config.ValidationResult;

/**
 * Describes one kind of configurable extension and creates its instances (compare Jenkins' Descriptor:
 * it renders the configuration form and works as a factory). A plugin returns one factory per extension
 * it contributes from {@link SlipwayPlugin}.
 *
 * <p>One factory object serves the whole server: it must be thread-safe and cheap to construct, and it
 * must not hold resources; instances hold resources and release them in {@link AutoCloseable#close()}.
 *
 * <p>The server calls every method with the plugin's class loader as the thread's context class loader
 * and under a timeout. A method that throws fails only the work it was called for, and the failure is
 * recorded against the plugin.
 *
 * @param <T> the type of extension instance this factory creates
 * @since 0.1
 */
public interface ExtensionFactory<T extends AutoCloseable>
{
    /**
     * Stable id used in configuration, projects and the REST API, e.g. {@code local} or {@code filesystem}.
     * Matches {@code [a-z][a-z0-9-]*}; unique among the factories of one kind across all plugins (a
     * plugin whose id clashes with one already registered fails to start).
     *
     * @since 0.1
     */
    String id();

    /** @return a short human-readable name, e.g. {@code "Local processes"} @since 0.1 */
    String displayName();

    /** @return one or two sentences for the console and documentation; empty by default @since 0.1 */
    default String description()
    {
        return "";
    }

    /**
     * The typed description of this extension's configuration. The server checks a configuration against
     * it (types, required keys, ranges, allowed values) before calling {@link #validate} and {@link #create},
     * and exports it as JSON Schema for the console.
     *
     * @since 0.1
     */
    ConfigSchema configSchema();

    /**
     * Checks that go beyond the schema, such as constraints between fields. Called after the schema checks
     * have passed. Reports problems in the result; never throws for invalid input. No remote I/O.
     *
     * @since 0.1
     */
    default ValidationResult validate(ConfigValues config)
    {
        return ValidationResult.ok();
    }

    /**
     * Creates a configured instance. Called by the server once per distinct configuration, after
     * {@link #validate} passed; the server caches the instance and closes it when the configuration
     * changes, the plugin stops or the server shuts down. Must not block on remote I/O: connect lazily.
     *
     * @throws SlipwayException with {@link ErrorCode#INVALID_CONFIG} if the configuration cannot work
     * @since 0.1
     */
    T create(ConfigValues config, ExtensionContext context);

    /**
     * A "test connection" for the console and CLI. May do remote I/O; never called on the build path.
     *
     * @since 0.1
     */
    default CheckResult check(ConfigValues config, ExtensionContext context)
    {
        return CheckResult.notSupported();
    }
}
