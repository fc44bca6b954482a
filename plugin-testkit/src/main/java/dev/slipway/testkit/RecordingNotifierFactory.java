package dev.slipway.testkit;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import dev.slipway.api.ExtensionContext;
import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.notification.Notifier;
import dev.slipway.api.notification.NotifierFactory;

/**
 * A {@link NotifierFactory} (id {@code recording} unless given) that creates {@link RecordingNotifier}s from a supplier
 * and keeps them, so that a test can look at what the code under test sent. Its schema is empty.
 *
 * @since 0.1
 */
public final class RecordingNotifierFactory
        implements NotifierFactory
{
    private final String id;
    private final Supplier<RecordingNotifier> notifiers;
    private final List<RecordingNotifier> created = new CopyOnWriteArrayList<>();

    /** @param notifiers called once per {@code create} @since 0.1 */
    public RecordingNotifierFactory(Supplier<RecordingNotifier> notifiers)
    {
        this("recording", notifiers);
    }

    /** @param id the factory id, matching {@code [a-z][a-z0-9-]*} @since 0.1 */
    public RecordingNotifierFactory(String id, Supplier<RecordingNotifier> notifiers)
    {
        this.id = Objects.requireNonNull(id, "id is null");
        this.notifiers = Objects.requireNonNull(notifiers, "notifiers is null");
    }

    @Override
    public String id()
    {
        return id;
    }

    @Override
    public String displayName()
    {
        return "Recording notifier (testing)";
    }

    @Override
    public String description()
    {
        return "Keeps the events it is given, for tests.";
    }

    @Override
    public ConfigSchema configSchema()
    {
        return ConfigSchema.empty();
    }

    @Override
    public Notifier create(ConfigValues config, ExtensionContext context)
    {
        RecordingNotifier notifier = Objects.requireNonNull(notifiers.get(), "the notifier supplier returned null");
        created.add(notifier);
        return notifier;
    }

    /** @return every notifier this factory created, oldest first @since 0.1 */
    public List<RecordingNotifier> createdNotifiers()
    {
        return List.copyOf(created);
    }
}
