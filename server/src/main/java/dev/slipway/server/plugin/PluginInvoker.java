package dev.slipway.server.plugin;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.ErrorType;
import dev.slipway.api.SlipwayException;
import dev.slipway.server.config.PluginsConfig;

/**
 * The one way into plugin code. Every call
 * <ul>
 * <li>runs with the plugin's class loader as the thread's context class loader (restored afterwards);</li>
 * <li>runs under a timeout ({@code plugins.call-timeout} unless the caller gives another): the call runs on a pool
 *     thread and is interrupted when the time is up;</li>
 * <li>records {@code Exception | LinkageError} against that plugin and rethrows it as a {@link SlipwayException} with
 *     {@link ErrorCode#PLUGIN_FAILURE}, so that a failing plugin fails only the work it was called for.</li>
 * </ul>
 * A {@link SlipwayException} that a plugin throws on purpose keeps its code; one of type {@link ErrorType#USER_ERROR}
 * (invalid configuration, an unsupported operation) is the caller's problem and is not recorded against the plugin.
 *
 * <p>Thread-safe. Calls from different threads run concurrently; a plugin that must serialise its work does so itself.
 */
@Singleton
public final class PluginInvoker
{
    private static final Logger log = LoggerFactory.getLogger(PluginInvoker.class);

    private final Duration defaultTimeout;
    private final ExecutorService executor;
    private final Map<String, CallFailures> failures = new ConcurrentHashMap<>();

    @Inject
    public PluginInvoker(PluginsConfig config)
    {
        this(config.callTimeout());
    }

    PluginInvoker(Duration defaultTimeout)
    {
        this.defaultTimeout = requireNonNull(defaultTimeout, "defaultTimeout is null");
        this.executor = Executors.newCachedThreadPool(new PluginCallThreads());
    }

    /** Calls plugin code with the configured timeout. */
    public <T> T call(PluginOwner owner, String operation, PluginCall<T> call)
    {
        return call(owner, operation, defaultTimeout, call);
    }

    /**
     * Calls plugin code with the given timeout.
     *
     * @param operation what is called, for messages: {@code "start"}, {@code "create executor 'local'"}
     * @throws SlipwayException PLUGIN_FAILURE when the plugin code throws; TIMEOUT when it takes longer than
     *         {@code timeout}; CANCELLED when the calling thread is interrupted (its interrupt flag is set again); a
     *         {@link SlipwayException} thrown by the plugin itself unchanged
     */
    public <T> T call(PluginOwner owner, String operation, Duration timeout, PluginCall<T> call)
    {
        requireNonNull(owner, "owner is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(call, "call is null");
        Callable<T> withContextClassLoader = () -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(owner.classLoader());
            try {
                return call.call();
            }
            finally {
                thread.setContextClassLoader(previous);
            }
        };
        Future<T> future = executor.submit(withContextClassLoader);
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException e) {
            future.cancel(true);
            String message = "Plugin '" + owner.pluginId() + "' did not finish " + operation + " within " + describe(timeout);
            record(owner, operation, message);
            log.warn("{}; the call was interrupted", message);
            throw new SlipwayException(ErrorCode.TIMEOUT, message);
        }
        catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.CANCELLED, "Interrupted while plugin '" + owner.pluginId() + "' ran " + operation);
        }
        catch (ExecutionException e) {
            throw failure(owner, operation, e.getCause());
        }
    }

    /** @return the failures recorded against a plugin since it was last loaded */
    public Optional<CallFailures> failures(String pluginId)
    {
        return Optional.ofNullable(failures.get(pluginId));
    }

    /** Forgets a plugin's failures, when it is loaded again. */
    void forget(String pluginId)
    {
        failures.remove(pluginId);
    }

    /** Stops the call threads; calls made afterwards fail. Called once at server shutdown, after plugins have stopped. */
    void shutdown()
    {
        executor.shutdownNow();
    }

    private RuntimeException failure(PluginOwner owner, String operation, Throwable cause)
    {
        if (cause instanceof SlipwayException slipway) {
            if (slipway.errorCode().type() != ErrorType.USER_ERROR) {
                record(owner, operation, PluginErrors.summary(slipway));
                log.warn("Plugin '{}' failed in {}: {}", owner.pluginId(), operation, slipway.getMessage(), slipway);
            }
            return slipway;
        }
        if (cause instanceof Exception || cause instanceof LinkageError) {
            String summary = PluginErrors.summary(cause);
            record(owner, operation, summary);
            log.warn("Plugin '{}' failed in {}: {}", owner.pluginId(), operation, summary, cause);
            return new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Plugin '" + owner.pluginId() + "' failed in " + operation + ": " + summary,
                    PluginErrors.details(cause), cause);
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new SlipwayException(ErrorCode.INTERNAL, "Unexpected " + cause, cause);
    }

    private void record(PluginOwner owner, String operation, String message)
    {
        failures.compute(owner.pluginId(), (id, known) -> new CallFailures(
                known == null ? 1 : known.count() + 1, Instant.now(), operation, message));
    }

    private static String describe(Duration timeout)
    {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }

    /**
     * The failures of one plugin's calls: how many, and the last one.
     *
     * @param count failed calls since the plugin was loaded
     * @param lastAt when the last one failed
     * @param lastOperation what was called, e.g. {@code start}
     * @param lastMessage the failure, e.g. {@code IllegalStateException: boom}
     */
    public record CallFailures(int count, Instant lastAt, String lastOperation, String lastMessage)
    {
        public CallFailures
        {
            requireNonNull(lastAt, "lastAt is null");
            requireNonNull(lastOperation, "lastOperation is null");
            requireNonNull(lastMessage, "lastMessage is null");
        }
    }

    /**
     * Daemon threads whose own context class loader is the server's: a new thread inherits its creator's, and a pool
     * thread created while a plugin's loader was current would keep that plugin in memory after it is unloaded.
     */
    private static final class PluginCallThreads
            implements ThreadFactory
    {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable)
        {
            Thread thread = new Thread(runnable, "plugin-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(PluginInvoker.class.getClassLoader());
            return thread;
        }
    }
}
