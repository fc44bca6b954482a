package dev.slipway.server.project;

import org.jdbi.v3.core.Handle;

/**
 * What another feature keeps per project (builds, their logs), so that deleting a project can remove it or refuse.
 * Features bind implementations with {@code Multibinder.newSetBinder(binder(), ProjectDependents.class)}.
 */
public interface ProjectDependents
{
    /**
     * Called inside the transaction that deletes the project, after its row is locked and before it is deleted, on the
     * request's thread. Deletes the feature's rows of the project through {@code handle}, or refuses.
     *
     * @return work to do after the transaction committed (deleting files); it must not throw
     * @throws dev.slipway.api.SlipwayException CONFLICT to refuse the deletion (the transaction rolls back)
     */
    Runnable deleting(Handle handle, String projectName);
}
