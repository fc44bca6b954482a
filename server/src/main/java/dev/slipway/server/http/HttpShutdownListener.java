package dev.slipway.server.http;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;

/**
 * Told when the HTTP server begins to stop, before it waits for running requests to finish. A feature that holds
 * responses open for a long time (a live stream) ends them here; otherwise stopping waits out
 * {@code server.shutdown-grace-period} for clients that never leave, and then fails.
 *
 * <p>Bound from a feature's module with {@link #bind}. Called once, on the thread that stops the server, while the
 * rest of the server still runs; must return quickly. An exception is logged and the other listeners still run.
 */
public interface HttpShutdownListener
{
    /** The server no longer accepts connections; end long-lived responses now. */
    void httpServerStopping();

    /** Adds a listener (a Guice-created class; make it a singleton if it keeps state). */
    static void bind(Binder binder, Class<? extends HttpShutdownListener> listener)
    {
        multibinder(binder).addBinding().to(listener);
    }

    static Multibinder<HttpShutdownListener> multibinder(Binder binder)
    {
        return Multibinder.newSetBinder(binder, HttpShutdownListener.class);
    }
}
