package dev.slipway.testkit;

import java.util.Objects;

import dev.slipway.api.ExtensionContext;
import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.source.SourceProvider;
import dev.slipway.api.source.SourceProviderFactory;

/**
 * A {@link SourceProviderFactory} (id {@code fake} unless given) whose {@code create} always returns the one
 * {@link FakeSourceProvider} it was built with, so that a test can prepare commits and then let the code under test
 * create "its" provider. Its schema is empty.
 *
 * @since 0.1
 */
public final class FakeSourceProviderFactory
        implements SourceProviderFactory
{
    private final String id;
    private final FakeSourceProvider provider;

    /** @since 0.1 */
    public FakeSourceProviderFactory(FakeSourceProvider provider)
    {
        this("fake", provider);
    }

    /** @param id the factory id, matching {@code [a-z][a-z0-9-]*} @since 0.1 */
    public FakeSourceProviderFactory(String id, FakeSourceProvider provider)
    {
        this.id = Objects.requireNonNull(id, "id is null");
        this.provider = Objects.requireNonNull(provider, "provider is null");
    }

    @Override
    public String id()
    {
        return id;
    }

    @Override
    public String displayName()
    {
        return "Fake source (testing)";
    }

    @Override
    public String description()
    {
        return "Serves branches, tags and commits prepared by a test.";
    }

    @Override
    public ConfigSchema configSchema()
    {
        return ConfigSchema.empty();
    }

    @Override
    public SourceProvider create(ConfigValues config, ExtensionContext context)
    {
        return provider;
    }

    /** @return the provider every {@code create} returns @since 0.1 */
    public FakeSourceProvider provider()
    {
        return provider;
    }
}
