package dev.slipway.server.bootstrap;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.slipway.server.config.ConfigLoader;
import dev.slipway.server.config.SlipwayConfig;
import picocli.CommandLine;
import sun.misc.Signal;

/**
 * {@code slipway server}: reads the configuration, starts the server and runs until SIGTERM (or Ctrl-C), then stops
 * gracefully and exits 0 (1 if something failed to stop).
 */
@CommandLine.Command(name = "server", mixinStandardHelpOptions = true, description = "Run the Slipway server.")
final class ServerCommand
        implements Callable<Integer>
{
    private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

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
        // SIGTERM and Ctrl-C stop the server and let main return its exit code: a JVM ended by the signal's default
        // action would exit with 143 and skip whatever the JVM does at a normal exit.
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> new Thread(server::stop, "slipway-stop").start());
            }
            catch (IllegalArgumentException e) {
                log.debug("Cannot handle SIG{} ({}); the shutdown hook will stop the server", name, e.getMessage());
            }
        }
        // Any other way the JVM ends (System.exit, SIGHUP) still stops the server, with the JVM's exit code.
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "slipway-shutdown"));
        server.awaitStopped();
        return server.stoppedCleanly() ? 0 : Main.FAILURE;
    }
}
