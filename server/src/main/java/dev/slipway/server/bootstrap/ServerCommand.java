package dev.slipway.server.bootstrap;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.slipway.server.config.ConfigLoader;
import dev.slipway.server.config.SlipwayConfig;
import picocli.CommandLine;

/**
 * {@code slipway server}: reads the configuration, starts the server and runs until SIGTERM (or Ctrl-C), then stops
 * gracefully and exits 0.
 */
@CommandLine.Command(name = "server", mixinStandardHelpOptions = true, description = "Run the Slipway server.")
final class ServerCommand
        implements Callable<Integer>
{
    @CommandLine.Option(names = "--config", paramLabel = "FILE",
            description = "The configuration file (default: $SLIPWAY_HOME/conf/slipway.yml; a missing default file means defaults).")
    Path config;

    @Override
    public Integer call()
            throws InterruptedException
    {
        Map<String, String> environment = System.getenv();
        Path home = Path.of(environment.getOrDefault("SLIPWAY_HOME", ".")).toAbsolutePath().normalize();
        SlipwayConfig configuration = new ConfigLoader(home, environment).load(Optional.ofNullable(config));
        SlipwayServer server = SlipwayServer.start(configuration);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean clean = server.stop();
            System.out.flush();
            System.err.flush();
            // A JVM ended by SIGTERM exits with 143 even after its hooks ran; a clean stop is a success.
            Runtime.getRuntime().halt(clean ? 0 : Main.FAILURE);
        }, "slipway-shutdown"));
        server.awaitStopped();
        return 0;
    }
}
