package dev.slipway.testplugins.alpha;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import dev.slipway.api.PluginContext;
import dev.slipway.api.SlipwayPlugin;
import dev.slipway.api.notification.NotifierFactory;

/** A well-behaved plugin with a notifier factory whose schema uses every property type. */
public final class AlphaPlugin
        implements SlipwayPlugin
{
    private PluginContext context;

    @Override
    public void start(PluginContext context)
    {
        this.context = context;
        event(context.dataDirectory(), "started " + context.pluginId() + " tccl=" + (Thread.currentThread().getContextClassLoader() == getClass().getClassLoader()));
        context.logger().info("alpha is running in {}", context.dataDirectory());
    }

    @Override
    public void stop()
    {
        event(context.dataDirectory(), "stopped " + context.pluginId());
    }

    @Override
    public List<NotifierFactory> notifiers()
    {
        return List.of(new AlphaNotifierFactory());
    }

    static void event(Path directory, String line)
    {
        try {
            Files.writeString(directory.resolve("events.log"), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
