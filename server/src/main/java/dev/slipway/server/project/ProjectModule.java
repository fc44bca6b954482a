package dev.slipway.server.project;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

import dev.slipway.server.buildspec.BuildspecSchemaResource;
import dev.slipway.server.http.ApiResources;

/** Binds the project service and {@code /api/v1/projects}; other features add {@link ProjectDependents}. */
public final class ProjectModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        Multibinder.newSetBinder(binder(), ProjectDependents.class);
        ApiResources.bind(binder(), ProjectResource.class);
        // The buildspec schema belongs with the projects whose buildspecs it describes.
        ApiResources.bind(binder(), BuildspecSchemaResource.class);
    }
}
