package dev.slipway.server.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.jetty.ee11.servlet.DefaultServlet;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.server.config.ServerConfig;
import dev.slipway.server.config.SlipwayVersion;
import jakarta.servlet.DispatcherType;

/**
 * The HTTP server: Jetty 12 with the Jersey API at {@code /api/*} and the console at {@code /}.
 *
 * <p>It is the last service to start (the server accepts requests only when everything behind them runs) and the
 * first to stop: stopping closes the listening socket at once, tells the {@link HttpShutdownListener}s to end their
 * long-lived responses (live streams), lets in-flight requests finish within {@code server.shutdown-grace-period}, then
 * tears down Jersey. Jetty and Jersey are set up ahead, in parallel with
 * the other services (see {@link #prepare()}); the service's start only opens the listening socket.
 */
@Singleton
public final class HttpServer
        extends AbstractIdleService
{
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final String CLASSPATH_CONSOLE = "webapp/";

    private final ServerConfig config;
    private final SlipwayVersion version;
    private final ApiApplication application;
    private final Set<HttpShutdownListener> shutdownListeners;
    private CompletableFuture<Server> prepared;
    private volatile Server server;
    private volatile ServerConnector connector;

    @Inject
    HttpServer(ServerConfig config, SlipwayVersion version, ApiApplication application, Set<HttpShutdownListener> shutdownListeners)
    {
        this.config = requireNonNull(config, "config is null");
        this.version = requireNonNull(version, "version is null");
        this.application = requireNonNull(application, "application is null");
        this.shutdownListeners = Set.copyOf(requireNonNull(shutdownListeners, "shutdownListeners is null"));
    }

    /**
     * Builds Jetty and initialises Jersey on a background thread, without a listening socket, so that the slow part of
     * starting (about a second of class loading and HK2 setup) overlaps with the database and plugins starting. Called
     * by bootstrap before the services start; {@link #startUp()} waits for it and then opens the socket. A second call
     * does nothing.
     */
    public void prepare()
    {
        synchronized (this) {
            if (prepared == null) {
                prepared = CompletableFuture.supplyAsync(this::buildAndStartWithoutConnector, runnable -> {
                    Thread thread = new Thread(runnable, "http-prepare");
                    thread.setDaemon(true);
                    thread.start();
                });
            }
        }
    }

    /**
     * Stops what {@link #prepare()} started when the server will not start after all (another service failed).
     * Does nothing once this service has started; then stopping the service stops Jetty.
     */
    public void abandon()
    {
        CompletableFuture<Server> preparation;
        synchronized (this) {
            preparation = prepared;
        }
        if (preparation == null || state() != State.NEW) {
            return;
        }
        try {
            preparation.join().stop();
        }
        catch (Exception e) {
            log.debug("Stopping the prepared HTTP server failed", e);
        }
    }

    /**
     * Opens the listening socket: from now on the server accepts requests.
     *
     * @throws SlipwayException CONFLICT if the port is taken; INVALID_CONFIG if {@code server.console-directory} is not
     *         a directory
     */
    @Override
    protected void startUp()
            throws Exception
    {
        prepare();
        Server jetty;
        try {
            jetty = prepared.join();
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector listener = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        listener.setHost(config.host());
        listener.setPort(config.port());
        // Bind before adding, so that a taken port is one clear error rather than a failed Jetty lifecycle.
        try {
            listener.open();
        }
        catch (IOException e) {
            jetty.stop();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new SlipwayException(ErrorCode.CONFLICT, "Cannot listen on " + config.host() + ":" + config.port()
                        + ": the address is already in use. Stop the other process, or set server.port (SLIPWAY_SERVER_PORT) to a free port");
            }
            throw new SlipwayException(ErrorCode.EXTERNAL_FAILURE, "Cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        try {
            jetty.addConnector(listener);
            // Adding a connector to a running server does not start it: no acceptor would take connections.
            if (!listener.isStarted()) {
                listener.start();
            }
        }
        catch (Exception e) {
            jetty.stop();
            throw e;
        }
        server = jetty;
        connector = listener;
        log.info("Slipway {} listening on {}", version, uri());
    }

    private Server buildAndStartWithoutConnector()
    {
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("http");
        Server jetty = new Server(threads);
        jetty.setStopAtShutdown(false);
        jetty.setStopTimeout(config.shutdownGracePeriod().toMillis());

        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.NO_SESSIONS);
        Optional<Resource> console = console(context);
        console.ifPresent(context::setBaseResource);

        ServletHolder api = new ServletHolder("jersey", new ServletContainer(application.resourceConfig()));
        api.setAsyncSupported(true);
        api.setInitOrder(0);
        context.addServlet(api, "/api/*");

        ServletHolder files = new ServletHolder("console", DefaultServlet.class);
        files.setInitParameter("dirAllowed", "false");
        files.setInitParameter("welcomeServlets", "false");
        files.setInitParameter("redirectWelcome", "false");
        files.setInitParameter("etags", "true");
        context.addServlet(files, "/");
        context.addFilter(new FilterHolder(new RequestBodyLimitFilter(config.maxRequestBody())), "/api/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new ConsoleFilter(console)), "/*", EnumSet.of(DispatcherType.REQUEST));

        context.setErrorHandler(ApiErrorHandler.forContext());
        jetty.setErrorHandler(ApiErrorHandler.forServer());
        jetty.setHandler(new GracefulHandler(context));
        try {
            jetty.start();
        }
        catch (Exception e) {
            try {
                jetty.stop();
            }
            catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Cannot start Jetty: " + e.getMessage(), e);
        }
        return jetty;
    }

    @Override
    protected void shutDown()
            throws Exception
    {
        Server jetty = server;
        if (jetty != null) {
            log.info("Stopping the HTTP server (grace period {})", config.shutdownGracePeriod());
            // Stop accepting first, so that no new long-lived response starts after the listeners ended the others.
            for (ServerConnector listening : jetty.getBeans(ServerConnector.class)) {
                listening.close();
            }
            for (HttpShutdownListener listener : shutdownListeners) {
                try {
                    listener.httpServerStopping();
                }
                catch (RuntimeException e) {
                    log.warn("{} failed when the HTTP server began to stop", listener, e);
                }
            }
            jetty.stop();
            server = null;
        }
    }

    /** @return the port the server listens on (the chosen one when configured with port 0) */
    public int port()
    {
        ServerConnector listener = connector;
        if (listener == null) {
            throw new IllegalStateException("The HTTP server is not running (" + state() + ")");
        }
        return listener.getLocalPort();
    }

    /** @return the base URI, e.g. {@code http://127.0.0.1:8080/} */
    public URI uri()
    {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    private Optional<Resource> console(ServletContextHandler context)
    {
        ResourceFactory resources = ResourceFactory.of(context);
        if (config.consoleDirectory().isPresent()) {
            Path directory = config.consoleDirectory().get();
            if (!Files.isDirectory(directory)) {
                throw new SlipwayException(ErrorCode.INVALID_CONFIG, "server.console-directory " + directory + " is not a directory");
            }
            log.info("Serving the console from {}", directory);
            return Optional.of(resources.newResource(directory));
        }
        URL bundled = HttpServer.class.getClassLoader().getResource(CLASSPATH_CONSOLE);
        if (bundled == null) {
            log.warn("No console in this build (no {} on the class path); only the API is served", CLASSPATH_CONSOLE);
            return Optional.empty();
        }
        return Optional.of(resources.newResource(bundled));
    }

    @Override
    protected String serviceName()
    {
        return "HTTP server";
    }
}
