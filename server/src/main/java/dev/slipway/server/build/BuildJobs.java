package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.api.SlipwayException;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.executor.BuildContext;
import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.EnvironmentRequest;
import dev.slipway.api.executor.Executor;
import dev.slipway.server.build.engine.ArtifactSettings;
import dev.slipway.server.build.engine.BuildJob;
import dev.slipway.server.build.engine.BuildSource;
import dev.slipway.server.build.engine.BuildspecLocation;
import dev.slipway.server.build.engine.CacheSettings;
import dev.slipway.server.build.engine.EnvironmentSettings;
import dev.slipway.server.build.engine.EnvironmentVariable;
import dev.slipway.server.project.ProjectJson;
import dev.slipway.server.project.ProjectJson.VariableJson;
import dev.slipway.server.project.ProjectRuntimes;
import dev.slipway.server.secret.SecretResolver;
import dev.slipway.server.source.SourceService;
import dev.slipway.server.source.SourceService.FetchedSource;

/**
 * Turns a stored build (the project's settings when it was started, and the start request) into the engine's
 * {@link BuildJob}: the executor and artifact store instances of the names it uses, its source through the source
 * provider plugin, its variables and timeouts.
 *
 * <p>Parameters and secrets resolve to nothing until the security feature provides the parameter and secret store:
 * a build that needs one fails in PROVISIONING saying which is missing.
 *
 * <p>Thread-safe.
 */
@Singleton
final class BuildJobs
{
    private final ExecutorCatalog executors;
    private final ArtifactStoreCatalog stores;
    private final SourceService sources;

    @Inject
    BuildJobs(ExecutorCatalog executors, ArtifactStoreCatalog stores, SourceService sources)
    {
        this.executors = requireNonNull(executors, "executors is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.sources = requireNonNull(sources, "sources is null");
    }

    /**
     * A plugin the build needs may have stopped since the build was queued; then the job's executor fails in
     * PROVISIONING with the reason (the build ends FAULT), so that every build ends through the engine with its phases,
     * log and events.
     */
    BuildJob job(BuildRecord build, Path workspace)
    {
        ProjectJson project = build.definition();
        StartBuildRequest request = build.request();
        Executor executor;
        ArtifactSettings artifacts;
        CacheSettings cache;
        try {
            executor = executors.instance(build.executor()).inPluginContext();
            artifacts = artifacts(project);
            cache = cache(project);
        }
        catch (SlipwayException e) {
            executor = new UnavailableExecutor(e.getMessage());
            artifacts = ArtifactSettings.NONE;
            cache = CacheSettings.NONE;
        }
        BuildJob.Builder job = BuildJob.builder(build.id(), build.number(), build.project(), workspace, executor)
                .initiator(build.initiator())
                .source(source(project, build.project(), request))
                .buildspec(buildspec(project, request))
                .environment(new EnvironmentSettings(Optional.ofNullable(project.environment().image()), project.environment().computeType(),
                        project.environment().privilegedMode()))
                .secrets(SecretResolver.none())
                .artifacts(artifacts)
                .cache(cache)
                .timeout(Duration.ofMinutes(build.timeoutMinutes()))
                .submittedAt(build.queuedAt(), build.queuedAt());
        build.sourceVersion().ifPresent(job::sourceVersion);
        variables(project.environment().variables()).forEach(job::projectVariable);
        // Checked when the project was saved; a stored entry that no longer parses would be a bug, so it fails loudly.
        Optional.ofNullable(project.environment().runtimes()).orElse(List.of()).forEach(entry -> job.toolchain(ProjectRuntimes.parse(entry)));
        variables(request.environmentVariablesOverride()).forEach(job::overrideVariable);
        return job.build();
    }

    private BuildSource source(ProjectJson project, String projectName, StartBuildRequest request)
    {
        String type = project.source().type();
        Map<String, Object> config = project.source().config();
        Optional<String> version = Optional.ofNullable(request.sourceVersion());
        return (workspace, log) -> {
            FetchedSource fetched = sources.fetch(type, config, projectName, version, workspace, log);
            return new BuildSource.Fetched(fetched.resolvedVersion(), fetched.location());
        };
    }

    private static BuildspecLocation buildspec(ProjectJson project, StartBuildRequest request)
    {
        if (request.buildspecOverride() != null) {
            return new BuildspecLocation.Inline(request.buildspecOverride());
        }
        if (project.buildspec().inline() != null) {
            return new BuildspecLocation.Inline(project.buildspec().inline());
        }
        return new BuildspecLocation.InSource(project.buildspec().path());
    }

    private ArtifactSettings artifacts(ProjectJson project)
    {
        ProjectJson.ArtifactsJson settings = project.artifacts();
        if (settings == null) {
            return ArtifactSettings.NONE;
        }
        ArtifactStore store = stores.instance(settings.store()).inPluginContext();
        boolean override = settings.overrideArtifactName();
        Map<String, ArtifactSettings.Target> secondary = new LinkedHashMap<>();
        for (ProjectJson.SecondaryArtifactJson artifact : settings.secondary()) {
            secondary.put(artifact.identifier(), new ArtifactSettings.Target(artifact.identifier(), ArtifactSettings.Packaging.valueOf(artifact.packaging()), override));
        }
        return new ArtifactSettings(Optional.of(store),
                Optional.of(new ArtifactSettings.Target(project.name(), ArtifactSettings.Packaging.valueOf(settings.packaging()), override)),
                secondary, Optional.empty());
    }

    private CacheSettings cache(ProjectJson project)
    {
        if (!project.cache().type().equals("STORE")) {
            return CacheSettings.NONE;
        }
        return new CacheSettings(Optional.of(stores.instance(project.cache().store()).inPluginContext()), Optional.empty());
    }

    private static List<EnvironmentVariable> variables(List<VariableJson> variables)
    {
        if (variables == null) {
            return List.of();
        }
        return variables.stream()
                .map(variable -> new EnvironmentVariable(variable.name(), variable.value(),
                        EnvironmentVariable.Type.valueOf(variable.type() == null ? "PLAINTEXT" : variable.type())))
                .toList();
    }

    /** Stands in for an executor or store that could not be had: the build ends FAULT in PROVISIONING with the reason. */
    private record UnavailableExecutor(String reason)
            implements Executor
    {
        @Override
        public BuildEnvironment provision(EnvironmentRequest request, BuildContext context)
                throws IOException
        {
            throw new IOException(reason);
        }
    }
}
