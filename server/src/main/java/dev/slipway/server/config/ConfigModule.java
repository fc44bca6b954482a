package dev.slipway.server.config;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;

/**
 * Binds the configuration and the runtime facts so that any class can inject the section it needs
 * ({@code @Inject Foo(PluginsConfig config)}). A feature that adds a section to {@link SlipwayConfig} binds it here.
 */
public final class ConfigModule
        extends AbstractModule
{
    private final SlipwayConfig config;
    private final RuntimeInfo runtime;

    public ConfigModule(SlipwayConfig config, RuntimeInfo runtime)
    {
        this.config = requireNonNull(config, "config is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
    }

    @Override
    protected void configure()
    {
        bind(SlipwayConfig.class).toInstance(config);
        bind(ServerConfig.class).toInstance(config.server());
        bind(DatabaseConfig.class).toInstance(config.database());
        bind(PluginsConfig.class).toInstance(config.plugins());
        bind(LogsConfig.class).toInstance(config.logs());
        bind(BuildsConfig.class).toInstance(config.builds());
        bind(EventsConfig.class).toInstance(config.events());
        bind(RuntimeInfo.class).toInstance(runtime);
        bind(SlipwayVersion.class).toInstance(runtime.version());
    }
}
