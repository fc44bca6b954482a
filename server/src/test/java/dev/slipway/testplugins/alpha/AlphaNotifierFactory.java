package dev.slipway.testplugins.alpha;

import java.util.List;
import java.util.Set;

import dev.slipway.api.ExtensionContext;
import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.config.ValidationResult;
import dev.slipway.api.notification.EventType;
import dev.slipway.api.notification.NotificationEvent;
import dev.slipway.api.notification.Notifier;
import dev.slipway.api.notification.NotifierFactory;

/** Notifier factory {@code alpha}; its instances write "created NAME" and "closed NAME" into the plugin's events. */
public final class AlphaNotifierFactory
        implements NotifierFactory
{
    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .string("name").label("Name").description("Names the instance in events").required().pattern("[a-z]+").add()
            .secret("token").label("Token").description("A secret").add()
            .integer("retries").label("Retries").description("How often").defaultValue(3).range(0, 10).add()
            .bool("verbose").label("Verbose").description("Say more").defaultValue(false).add()
            .duration("timeout").label("Timeout").description("How long").defaultValue("30s").add()
            .enumeration("level", "low", "high").label("Level").description("How loud").defaultValue("low").add()
            .stringList("events").label("Events").description("Which events").defaultValue(List.of("a", "b")).add()
            .build();

    @Override
    public String id()
    {
        return "alpha";
    }

    @Override
    public String displayName()
    {
        return "Alpha notifier";
    }

    @Override
    public String description()
    {
        return "Records what happens to it";
    }

    @Override
    public ConfigSchema configSchema()
    {
        return SCHEMA;
    }

    @Override
    public ValidationResult validate(ConfigValues config)
    {
        return config.getString("name").equals("invalid") ? ValidationResult.error("name", "must not be 'invalid'") : ValidationResult.ok();
    }

    @Override
    public Notifier create(ConfigValues config, ExtensionContext context)
    {
        String name = config.getString("name");
        AlphaPlugin.event(context.dataDirectory().getParent().getParent().getParent(), "created " + name);
        return new Notifier()
        {
            @Override
            public Set<EventType> interestedIn()
            {
                return Set.of(EventType.BUILD_STATE_FAILED);
            }

            @Override
            public void notify(NotificationEvent event) {}

            @Override
            public void close()
            {
                AlphaPlugin.event(context.dataDirectory().getParent().getParent().getParent(), "closed " + name);
            }
        };
    }
}
