package dev.slipway.testplugins;

import java.nio.file.Path;

import dev.slipway.testkit.packaging.PluginArchive;
import dev.slipway.testplugins.alpha.AlphaNotifierFactory;
import dev.slipway.testplugins.alpha.AlphaPlugin;
import dev.slipway.testplugins.beta.BetaPlugin;
import dev.slipway.testplugins.broken.DuplicatePlugin;
import dev.slipway.testplugins.broken.FuturePlugin;
import dev.slipway.testplugins.broken.MissingClassPlugin;
import dev.slipway.testplugins.broken.ThrowingPlugin;
import dev.slipway.testplugins.gamma.GammaGreeting;
import dev.slipway.testplugins.gamma.GammaPlugin;

/** Writes the test plugins' zips. Zips start in file name order, so {@code alpha} starts before {@code duplicate}. */
public final class TestPlugins
{
    public static final String REQUIRES = ">=0.1.0 & <1.0.0";

    private TestPlugins() {}

    public static Path alpha(Path directory)
    {
        return PluginArchive.builder("alpha").version("1.0.0").requires(REQUIRES).provider("Slipway tests").description("The first test plugin")
                .pluginClass(AlphaPlugin.class).addClass(AlphaNotifierFactory.class).writeTo(directory);
    }

    public static Path beta(Path directory)
    {
        return PluginArchive.builder("beta").version("1.0.0").requires(REQUIRES).pluginClass(BetaPlugin.class).writeTo(directory);
    }

    public static Path gamma(Path directory)
    {
        return PluginArchive.builder("gamma").version("1.0.0").requires(REQUIRES).pluginClass(GammaPlugin.class)
                .addLibJar("gamma-greeting-1.0.jar", GammaGreeting.class).writeTo(directory);
    }

    public static Path throwing(Path directory)
    {
        return PluginArchive.builder("throwing").requires(REQUIRES).pluginClass(ThrowingPlugin.class).writeTo(directory);
    }

    public static Path missingClass(Path directory)
    {
        return PluginArchive.builder("missing-class").requires(REQUIRES).pluginClass(MissingClassPlugin.class).writeTo(directory);
    }

    public static Path future(Path directory)
    {
        return PluginArchive.builder("future").version("3.0.0").requires(">=2.0.0 & <3.0.0").pluginClass(FuturePlugin.class).writeTo(directory);
    }

    public static Path duplicate(Path directory)
    {
        return PluginArchive.builder("duplicate").requires(REQUIRES).pluginClass(DuplicatePlugin.class).writeTo(directory);
    }

    /** Every plugin above: three that start (alpha, beta, gamma) and four that fail. */
    public static void all(Path directory)
    {
        alpha(directory);
        beta(directory);
        gamma(directory);
        throwing(directory);
        missingClass(directory);
        future(directory);
        duplicate(directory);
    }
}
