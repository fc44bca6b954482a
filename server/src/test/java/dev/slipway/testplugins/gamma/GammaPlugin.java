package dev.slipway.testplugins.gamma;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import dev.slipway.api.PluginContext;
import dev.slipway.api.SlipwayPlugin;

/**
 * Probes its class loader on start: it needs {@link GammaGreeting} from a jar in its {@code lib/}, and reports which
 * server classes it can see into {@code visibility.txt}.
 */
public final class GammaPlugin
        implements SlipwayPlugin
{
    @Override
    public void start(PluginContext context)
    {
        List<String> lines = new ArrayList<>();
        lines.add("greeting=" + new GammaGreeting().text());
        for (String name : List.of("dev.slipway.api.SlipwayPlugin", "org.slf4j.Logger", "java.sql.Connection", "com.google.inject.Injector",
                "org.pf4j.PluginManager", "com.fasterxml.jackson.databind.ObjectMapper", "dev.slipway.server.bootstrap.Main", "org.h2.Driver")) {
            lines.add(name + "=" + visible(name));
        }
        lines.add("same-api=" + (SlipwayPlugin.class.getClassLoader() != getClass().getClassLoader()));
        try {
            Files.write(context.dataDirectory().resolve("visibility.txt"), lines);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean visible(String name)
    {
        try {
            Class.forName(name, false, getClass().getClassLoader());
            return true;
        }
        catch (ClassNotFoundException e) {
            return false;
        }
    }
}
