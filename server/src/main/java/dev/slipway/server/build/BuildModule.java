package dev.slipway.server.build;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;

import dev.slipway.server.build.engine.BuildEngine;
import dev.slipway.server.build.engine.BuildEngineSettings;
import dev.slipway.server.build.engine.BuildspecParsing;
import dev.slipway.server.build.log.BuildLookup;
import dev.slipway.server.buildspec.BuildspecParser;
import dev.slipway.server.http.ApiResources;
import dev.slipway.server.project.ProjectDependents;

/**
 * Binds the build service: the execution (a service that starts after the database and the plugins and stops before
 * the plugins), the engine, the REST resources, what a project's deletion removes, and which builds exist for the log
 * endpoints.
 */
public final class BuildModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(BuildExecution.class);
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(BatchService.class);
        Multibinder.newSetBinder(binder(), ProjectDependents.class).addBinding().to(BuildProjectDependents.class);
        ApiResources.bind(binder(), ProjectBuildsResource.class);
        ApiResources.bind(binder(), BuildResource.class);
        ApiResources.bind(binder(), BadgeResource.class);
        ApiResources.bind(binder(), ProjectBatchesResource.class);
        ApiResources.bind(binder(), BatchResource.class);
        OptionalBinder.newOptionalBinder(binder(), BuildLookup.class).setBinding().to(RepositoryBuildLookup.class);
    }

    @Provides
    @Singleton
    BuildEngine engine()
    {
        return new BuildEngine(BuildEngineSettings.DEFAULT, BuildspecParsing.of(new BuildspecParser()));
    }
}
