package dev.slipway.server.bootstrap;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.util.concurrent.Service;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import com.google.inject.spi.Message;

import dev.slipway.server.build.BuildModule;
import dev.slipway.server.build.log.BuildLogModule;
import dev.slipway.server.config.ConfigModule;
import dev.slipway.server.config.RuntimeInfo;
import dev.slipway.server.config.SlipwayConfig;
import dev.slipway.server.config.SlipwayVersion;
import dev.slipway.server.db.DatabaseModule;
import dev.slipway.server.event.EventModule;
import dev.slipway.server.health.HealthModule;
import dev.slipway.server.http.HttpModule;
import dev.slipway.server.http.HttpServer;
import dev.slipway.server.plugin.PluginModule;
import dev.slipway.server.project.ProjectModule;
import dev.slipway.server.usage.UsageModule;

/**
 * A running Slipway server: the Guice injector (the only one, seen only here) and its services, started in order.
 * {@code slipway server} runs one until SIGTERM; tests run several in one JVM, each with its own data directory.
 *
 * <p>Thread-safe: {@link #stop()} may be called from any thread (a shutdown hook, a test), more than once.
 */
public final class SlipwayServer
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(SlipwayServer.class);

    private final Injector injector;
    private final ServiceLifecycle lifecycle;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean running;
    private volatile boolean stoppedCleanly;

    private SlipwayServer(Injector injector, ServiceLifecycle lifecycle)
    {
        this.injector = injector;
        this.lifecycle = lifecycle;
    }

    /**
     * Builds the injector and starts every service.
     *
     * @throws RuntimeException the failure of the service that could not start (a {@code SlipwayException} for
     *         everything a user can fix: data directory in use, port taken, database unreachable), after the
     *         services that had started are stopped again
     */
    public static SlipwayServer start(SlipwayConfig config)
    {
        return start(config, List.of());
    }

    /**
     * Like {@link #start(SlipwayConfig)}, with more modules (tests add resources or fakes). Their services start after
     * the plugins and before the HTTP server.
     */
    public static SlipwayServer start(SlipwayConfig config, List<? extends Module> extraModules)
    {
        requireNonNull(config, "config is null");
        long begin = System.nanoTime();
        SlipwayVersion version = SlipwayVersion.current();
        log.info("Starting Slipway {} (Java {})", version, Runtime.version());
        RuntimeInfo runtime = new RuntimeInfo(version, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        Injector injector;
        ServiceLifecycle lifecycle;
        try {
            injector = Guice.createInjector(modules(config, runtime, extraModules));
            Set<Service> services = injector.getInstance(Key.get(new TypeLiteral<Set<Service>>() {}));
            lifecycle = new ServiceLifecycle(new ArrayList<>(services));
        }
        catch (CreationException | ProvisionException e) {
            throw unwrap(e);
        }
        // Jetty and Jersey take about a second to set up and need nothing from the other services: overlap them.
        HttpServer http = injector.getInstance(HttpServer.class);
        http.prepare();
        try {
            lifecycle.start();
        }
        catch (RuntimeException | Error e) {
            http.abandon();
            throw e;
        }
        SlipwayServer server = new SlipwayServer(injector, lifecycle);
        server.running = true;
        log.info("Slipway {} started in {} ms at {}", version, Duration.ofNanos(System.nanoTime() - begin).toMillis(), server.uri());
        return server;
    }

    /**
     * The modules of the server, in start order of their services. A new feature adds its module here, before
     * {@link HttpModule}.
     */
    static List<Module> modules(SlipwayConfig config, RuntimeInfo runtime, List<? extends Module> extraModules)
    {
        List<Module> modules = new ArrayList<>();
        modules.add(new ConfigModule(config, runtime));
        modules.add(new DatabaseModule());
        modules.add(new PluginModule());
        modules.add(new HealthModule());
        modules.add(new BuildLogModule());
        modules.add(new EventModule());
        modules.add(new ProjectModule());
        modules.add(new BuildModule());
        modules.add(new UsageModule());
        modules.addAll(extraModules);
        modules.add(new HttpModule());
        return modules;
    }

    /** @return the port the HTTP server listens on */
    public int port()
    {
        return injector.getInstance(HttpServer.class).port();
    }

    /** @return the base URI, e.g. {@code http://127.0.0.1:8080/} */
    public URI uri()
    {
        return injector.getInstance(HttpServer.class).uri();
    }

    /** @return an object from the injector; for commands that run inside the server, and for tests */
    public <T> T instance(Class<T> type)
    {
        return injector.getInstance(type);
    }

    /** @return a binding from the injector, such as a qualified set; for tests */
    public <T> T instance(Key<T> key)
    {
        return injector.getInstance(key);
    }

    /**
     * Stops the HTTP server (no new connections; running requests may finish within the grace period), then the
     * plugins in reverse start order, then the database and the data directory lock. A second call does nothing.
     *
     * @return true if everything stopped cleanly
     */
    public boolean stop()
    {
        synchronized (this) {
            if (!running) {
                return true;
            }
            running = false;
        }
        long begin = System.nanoTime();
        log.info("Stopping Slipway");
        boolean clean = lifecycle.stop();
        log.info("Slipway stopped{} in {} ms", clean ? "" : " with errors", Duration.ofNanos(System.nanoTime() - begin).toMillis());
        stoppedCleanly = clean;
        stopped.countDown();
        return clean;
    }

    /** @return true once {@link #stop()} has finished and every service stopped cleanly */
    public boolean stoppedCleanly()
    {
        return stoppedCleanly;
    }

    /** Waits until {@link #stop()} has finished. */
    public void awaitStopped()
            throws InterruptedException
    {
        stopped.await();
    }

    @Override
    public void close()
    {
        stop();
    }

    /** Guice wraps what a constructor or provider threw; the server reports the original. */
    private static RuntimeException unwrap(RuntimeException guiceError)
    {
        List<Message> messages = guiceError instanceof CreationException creation ? List.copyOf(creation.getErrorMessages())
                : List.copyOf(((ProvisionException) guiceError).getErrorMessages());
        for (Message message : messages) {
            if (message.getCause() instanceof RuntimeException cause) {
                return cause;
            }
        }
        return guiceError;
    }
}
