package dev.slipway.api.approval;

import java.io.IOException;

/**
 * An external approval for an approval action. The server persists approval state and enforces the timeout
 * (a timeout is a rejection); the gate only talks to the outside system. Thread-safe.
 *
 * @since 0.1
 */
public interface ApprovalGate
        extends AutoCloseable
{
    /**
     * Starts an approval (e.g. posts a message with approve and reject links) and returns a handle that the server
     * persists and passes back to {@link #poll} and {@link #cancel}, also after a restart.
     *
     * @since 0.1
     */
    ApprovalHandle open(ApprovalRequest request)
            throws IOException, InterruptedException;

    /**
     * Asks the outside system for the decision. Called by the server periodically until the answer is not
     * pending; returns {@link ApprovalStatus#pending()} while waiting.
     *
     * @since 0.1
     */
    ApprovalStatus poll(ApprovalHandle handle)
            throws IOException, InterruptedException;

    /**
     * Withdraws an open approval because the execution was stopped or superseded. Best effort; idempotent; never
     * throws.
     *
     * @since 0.1
     */
    default void cancel(ApprovalHandle handle) {}

    /** Releases the gate's resources. Idempotent; never throws. @since 0.1 */
    @Override
    default void close() {}
}
