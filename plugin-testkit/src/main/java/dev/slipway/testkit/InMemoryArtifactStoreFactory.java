package dev.slipway.testkit;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.ExtensionContext;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.artifact.ArtifactStoreCapability;
import dev.slipway.api.artifact.ArtifactStoreFactory;
import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.config.ValidationResult;

/**
 * Creates {@link InMemoryArtifactStore}s; register it where a test needs an artifact store factory (id
 * {@code in-memory}). Config key {@code capabilities} lists the optional operations the stores offer (default all:
 * {@code [LIST, DELETE]}), so a test can check how its code copes with a store that cannot list or delete.
 * Keeps the stores it created for inspection.
 *
 * @since 0.1
 */
public final class InMemoryArtifactStoreFactory
        implements ArtifactStoreFactory
{
    /** @since 0.1 */
    public static final String ID = "in-memory";

    private static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .stringList("capabilities")
            .label("Capabilities")
            .description("The optional operations the store offers: LIST, DELETE. Leave one out to test code against a store that declines it.")
            .defaultValue(EnumSet.allOf(ArtifactStoreCapability.class).stream().map(Enum::name).toList())
            .add()
            .build();

    private final List<InMemoryArtifactStore> created = new CopyOnWriteArrayList<>();

    /** @since 0.1 */
    public InMemoryArtifactStoreFactory() {}

    @Override
    public String id()
    {
        return ID;
    }

    @Override
    public String displayName()
    {
        return "In memory (testing)";
    }

    @Override
    public String description()
    {
        return "Keeps artifacts in the server's heap; for tests only.";
    }

    @Override
    public ConfigSchema configSchema()
    {
        return SCHEMA;
    }

    @Override
    public ValidationResult validate(ConfigValues config)
    {
        ValidationResult.Builder result = ValidationResult.builder();
        for (String name : config.getStringList("capabilities")) {
            if (parse(name).isEmpty()) {
                result.error("capabilities", "unknown capability '" + name + "'; known capabilities are " + List.of(ArtifactStoreCapability.values()));
            }
        }
        return result.build();
    }

    @Override
    public ArtifactStore create(ConfigValues config, ExtensionContext context)
    {
        Set<ArtifactStoreCapability> capabilities = EnumSet.noneOf(ArtifactStoreCapability.class);
        for (String name : config.getStringList("capabilities")) {
            capabilities.add(parse(name).orElseThrow(() -> new SlipwayException(ErrorCode.INVALID_CONFIG,
                    "capabilities: unknown capability '" + name + "'; known capabilities are " + List.of(ArtifactStoreCapability.values()))));
        }
        InMemoryArtifactStore store = new InMemoryArtifactStore(capabilities);
        created.add(store);
        return store;
    }

    /** @return every store this factory created, oldest first @since 0.1 */
    public List<InMemoryArtifactStore> createdStores()
    {
        return List.copyOf(created);
    }

    private static Optional<ArtifactStoreCapability> parse(String name)
    {
        for (ArtifactStoreCapability capability : ArtifactStoreCapability.values()) {
            if (capability.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(capability);
            }
        }
        return Optional.empty();
    }
}
