package dev.slipway.server.bootstrap;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.util.concurrent.Service;

/**
 * Starts services one after another in the order given and stops them in the reverse order. The order is the order
 * in which the modules bind them (see {@link SlipwayServer#modules}): data directory lock, database, plugins, features,
 * and the HTTP server last, so that the server accepts requests only when everything behind them runs, and stops
 * accepting them first.
 *
 * <p>Not thread-safe; {@link SlipwayServer} calls it from one thread at a time.
 */
final class ServiceLifecycle
{
    private static final Logger log = LoggerFactory.getLogger(ServiceLifecycle.class);

    private final List<Service> services;
    private final List<Service> started = new ArrayList<>();

    ServiceLifecycle(List<Service> services)
    {
        this.services = List.copyOf(requireNonNull(services, "services is null"));
    }

    /**
     * Starts every service. If one fails, the ones already started are stopped (newest first) and the failure is thrown.
     *
     * @throws RuntimeException the exception the failed service threw (unchecked ones as they are)
     */
    void start()
    {
        for (Service service : services) {
            long begin = System.nanoTime();
            try {
                service.startAsync().awaitRunning();
            }
            catch (IllegalStateException e) {
                Throwable cause = service.failureCause();
                stop();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("Starting the " + service + " failed: " + cause, cause == null ? e : cause);
            }
            started.add(service);
            log.debug("Started {} in {} ms", service, Duration.ofNanos(System.nanoTime() - begin).toMillis());
        }
    }

    /**
     * Stops the started services, newest first. A service that fails to stop is logged and the others still stop.
     * A second call does nothing.
     *
     * @return true if every service stopped cleanly
     */
    boolean stop()
    {
        boolean clean = true;
        for (int i = started.size() - 1; i >= 0; i--) {
            Service service = started.get(i);
            try {
                service.stopAsync().awaitTerminated();
            }
            catch (IllegalStateException e) {
                clean = false;
                Throwable cause = service.failureCause();
                log.error("Stopping the {} failed: {}", service, cause == null ? e.getMessage() : cause.toString(), cause == null ? e : cause);
            }
        }
        started.clear();
        return clean;
    }
}
