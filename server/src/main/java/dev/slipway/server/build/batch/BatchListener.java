package dev.slipway.server.build.batch;

import dev.slipway.server.build.engine.BuildListener;

/**
 * Follows a batch. {@link #phaseChanged} is called on the batch's thread; {@link #child} on the batch's thread just
 * before the child starts, and the returned listener on the child's thread.
 */
public interface BatchListener
{
    default void phaseChanged(BatchPhaseType phase) {}

    default BuildListener child(String identifier, String buildId)
    {
        return BuildListener.none();
    }

    /** A message about the batch itself ("Starting build_matrix_2", "Not running deploy: …"). */
    default void message(String message) {}
}
