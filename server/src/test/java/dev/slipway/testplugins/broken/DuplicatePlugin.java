package dev.slipway.testplugins.broken;

import java.util.List;

import dev.slipway.api.ExtensionContext;
import dev.slipway.api.SlipwayPlugin;
import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.notification.Notifier;
import dev.slipway.api.notification.NotifierFactory;

/** Contributes a notifier with the id {@code alpha}, which the alpha plugin registers first. */
public final class DuplicatePlugin
        implements SlipwayPlugin
{
    @Override
    public List<NotifierFactory> notifiers()
    {
        return List.of(new NotifierFactory()
        {
            @Override
            public String id()
            {
                return "alpha";
            }

            @Override
            public String displayName()
            {
                return "Another alpha";
            }

            @Override
            public ConfigSchema configSchema()
            {
                return ConfigSchema.empty();
            }

            @Override
            public Notifier create(ConfigValues config, ExtensionContext context)
            {
                throw new UnsupportedOperationException();
            }
        });
    }
}
