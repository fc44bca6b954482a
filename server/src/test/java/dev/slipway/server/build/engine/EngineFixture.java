package dev.slipway.server.build.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import dev.slipway.server.buildspec.Buildspec;

/** Runs builds with the scripted executor in a temporary workspace. */
final class EngineFixture
{
    final Path workspace;
    final ScriptedExecutor executor = new ScriptedExecutor();
    final RecordingListener listener = new RecordingListener();
    final BuildControl control = new BuildControl();
    final String buildId = "web:" + UUID.randomUUID();
    private final BuildEngineSettings settings;

    EngineFixture(Path workspace)
    {
        this(workspace, BuildEngineSettings.DEFAULT);
    }

    EngineFixture(Path workspace, BuildEngineSettings settings)
    {
        this.workspace = workspace;
        this.settings = settings;
    }

    BuildJob.Builder job()
    {
        return BuildJob.builder(buildId, 7, "web", workspace, executor).initiator("alice").inlineBuildspec("(model given by the test)");
    }

    BuildResult run(Buildspec buildspec)
    {
        return run(buildspec, job());
    }

    BuildResult run(Buildspec buildspec, BuildJob.Builder job)
    {
        return run(text -> new dev.slipway.server.buildspec.ParseResult(java.util.Optional.of(buildspec), List.of()), job.build());
    }

    BuildResult run(BuildspecParsing parser, BuildJob job)
    {
        try (BuildEngine engine = new BuildEngine(settings, parser)) {
            return engine.run(job, listener, control);
        }
    }

    /** @return the phases as "TYPE STATUS" */
    static List<String> phases(BuildResult result)
    {
        return result.phases().stream().map(phase -> phase.type() + phase.status().map(status -> " " + status).orElse("")).toList();
    }
}
