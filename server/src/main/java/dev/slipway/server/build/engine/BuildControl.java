package dev.slipway.server.build.engine;

import java.util.Optional;

/**
 * Stops a running build from another thread. Create one per build and pass it to {@link BuildEngine#run}; keep it
 * to call {@link #stop} (the REST API's stop, a batch's fast-fail, a server shutdown). Thread-safe.
 *
 * <p>A stop interrupts the build's thread while it runs commands, provisions, fetches the source or uploads; the
 * running phase and the build end {@code STOPPED}, the environment is closed (killing every process the build
 * started), and {@link BuildEngine#run} returns. A stop before the build starts makes it end at once; a stop after
 * it reached FINALIZING has no effect. Calling {@code stop} again does nothing more.
 */
public final class BuildControl
{
    enum Reason
    {
        STOPPED,
        TIMED_OUT,
    }

    private final java.util.List<Runnable> stopActions = new java.util.ArrayList<>();
    private Thread thread;
    private boolean interruptible;
    private Reason reason;
    private String message;

    /** Asks the build to stop; returns at once. */
    public void stop(String message)
    {
        end(Reason.STOPPED, message);
        java.util.List<Runnable> actions;
        synchronized (this) {
            actions = java.util.List.copyOf(stopActions);
            stopActions.clear();
        }
        actions.forEach(Runnable::run);
    }

    /**
     * Runs {@code action} when {@link #stop} is called (at once, on this thread, if it was called already); a batch
     * uses it to stop its children. Actions run on the stopping thread and must return quickly.
     */
    public void onStop(Runnable action)
    {
        boolean now;
        synchronized (this) {
            now = reason == Reason.STOPPED;
            if (!now) {
                stopActions.add(action);
            }
        }
        if (now) {
            action.run();
        }
    }

    /** @return true once {@link #stop} was called (or the build timed out) */
    public synchronized boolean isStopRequested()
    {
        return reason != null;
    }

    synchronized void attach(Thread buildThread)
    {
        this.thread = buildThread;
        this.interruptible = true;
    }

    /** After this, stops and timeouts no longer interrupt the build thread; clears a pending interrupt. */
    synchronized void detach()
    {
        interruptible = false;
        if (thread == Thread.currentThread()) {
            Thread.interrupted();
        }
    }

    void timeOut()
    {
        end(Reason.TIMED_OUT, "Build has timed out.");
    }

    private synchronized void end(Reason why, String text)
    {
        if (reason != null) {
            return;
        }
        reason = why;
        message = text == null || text.isBlank() ? "Build was stopped." : text;
        if (thread != null && interruptible) {
            thread.interrupt();
        }
    }

    /** @return the message the build was stopped with, once {@link #stop} was called (or it timed out) */
    public synchronized Optional<String> stopMessage()
    {
        return Optional.ofNullable(message);
    }

    synchronized Optional<Reason> reason()
    {
        return Optional.ofNullable(reason);
    }

    synchronized String message()
    {
        return message;
    }
}
