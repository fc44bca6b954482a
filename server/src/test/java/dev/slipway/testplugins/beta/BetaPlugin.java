package dev.slipway.testplugins.beta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

import dev.slipway.api.ExtensionContext;
import dev.slipway.api.PluginContext;
import dev.slipway.api.SlipwayPlugin;
import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.notification.EventType;
import dev.slipway.api.notification.NotificationEvent;
import dev.slipway.api.notification.Notifier;
import dev.slipway.api.notification.NotifierFactory;

/** A second well-behaved plugin, with a notifier {@code beta} that takes no configuration. */
public final class BetaPlugin
        implements SlipwayPlugin
{
    private PluginContext context;

    @Override
    public void start(PluginContext context)
    {
        this.context = context;
        event("started");
    }

    @Override
    public void stop()
    {
        event("stopped");
    }

    @Override
    public List<NotifierFactory> notifiers()
    {
        return List.of(new NotifierFactory()
        {
            @Override
            public String id()
            {
                return "beta";
            }

            @Override
            public String displayName()
            {
                return "Beta notifier";
            }

            @Override
            public ConfigSchema configSchema()
            {
                return ConfigSchema.empty();
            }

            @Override
            public Notifier create(ConfigValues config, ExtensionContext extensionContext)
            {
                return new Notifier()
                {
                    @Override
                    public Set<EventType> interestedIn()
                    {
                        return Set.of();
                    }

                    @Override
                    public void notify(NotificationEvent event) {}
                };
            }
        });
    }

    private void event(String line)
    {
        try {
            Files.writeString(context.dataDirectory().resolve("events.log"), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
