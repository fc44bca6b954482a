package dev.slipway.server.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.bridge.SLF4JBridgeHandler;

import dev.slipway.server.bootstrap.SlipwayServer;
import dev.slipway.server.config.ConfigLoader;
import dev.slipway.server.config.SlipwayConfig;

/**
 * {@code slipway server} for child-JVM tests of the build service, with the {@link TestBuildLogStore} bound (until the
 * log feature's store is in the server): reads {@code $SLIPWAY_HOME/conf/slipway.yml}, starts, and stops on SIGTERM.
 */
public final class TestServerMain
{
    private TestServerMain() {}

    public static void main(String[] arguments)
            throws InterruptedException
    {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Map<String, String> environment = System.getenv();
        Path home = Path.of(environment.getOrDefault("SLIPWAY_HOME", ".")).toAbsolutePath().normalize();
        SlipwayConfig config = new ConfigLoader(home, environment).load(Optional.empty());
        SlipwayServer server = SlipwayServer.start(config, List.of(new TestBuildLogStore.Module()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "slipway-shutdown"));
        server.awaitStopped();
    }
}
