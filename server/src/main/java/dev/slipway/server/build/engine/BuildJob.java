package dev.slipway.server.build.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.slipway.api.executor.Executor;
import dev.slipway.server.secret.SecretResolver;

import static java.util.Objects.requireNonNull;

/**
 * Everything the engine needs to run one build. Built by the build service from a project and a start request,
 * and by {@code slipway run} from its flags.
 *
 * @param buildId {@code <project>:<uuid>}
 * @param buildNumber the per-project build counter, from 1
 * @param initiator who started the build ({@code CODEBUILD_INITIATOR}): a user name, {@code codepipeline/<name>}, …
 * @param sourceVersion the version asked for ({@code CODEBUILD_SOURCE_VERSION}); empty for the source's default
 * @param workspace the build's source directory on the server's disk: an existing directory the source fills (or
 *        already holds); the engine never copies it
 * @param projectVariables the project's variables (they override the buildspec's)
 * @param overrideVariables the start request's variables (they override the project's)
 * @param webhookVariables {@code CODEBUILD_WEBHOOK_*} values of the trigger that started the build
 * @param batchBuildIdentifier set for the builds of a batch ({@code CODEBUILD_BATCH_BUILD_IDENTIFIER})
 * @param toolchains the project's own toolchains for {@code runtime-versions}; they win over the environment's
 * @param submittedAt when the build was submitted; {@code queuedAt} when it entered the queue. Both default to the
 *        moment the engine starts, making SUBMITTED and QUEUED instantaneous
 */
public record BuildJob(
        String buildId,
        long buildNumber,
        String projectName,
        String initiator,
        Optional<String> sourceVersion,
        BuildSource source,
        BuildspecLocation buildspec,
        Path workspace,
        Executor executor,
        EnvironmentSettings environment,
        List<EnvironmentVariable> projectVariables,
        List<EnvironmentVariable> overrideVariables,
        Map<String, String> webhookVariables,
        SecretResolver secrets,
        ArtifactSettings artifacts,
        CacheSettings cache,
        Duration timeout,
        Optional<String> batchBuildIdentifier,
        Optional<Instant> submittedAt,
        Optional<Instant> queuedAt,
        List<dev.slipway.api.executor.Toolchain> toolchains)
{
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(60);

    public BuildJob
    {
        requireNonNull(buildId, "buildId is null");
        if (!buildId.startsWith(projectName + ":") || buildId.length() == projectName.length() + 1) {
            throw new IllegalArgumentException("Build id '" + buildId + "' must be '<project>:<uuid>' with project '" + projectName + "'");
        }
        if (buildNumber < 1) {
            throw new IllegalArgumentException("Build number must be at least 1, was " + buildNumber);
        }
        requireNonNull(initiator, "initiator is null");
        requireNonNull(sourceVersion, "sourceVersion is null");
        requireNonNull(source, "source is null");
        requireNonNull(buildspec, "buildspec is null");
        requireNonNull(workspace, "workspace is null");
        requireNonNull(executor, "executor is null");
        requireNonNull(environment, "environment is null");
        projectVariables = List.copyOf(projectVariables);
        overrideVariables = List.copyOf(overrideVariables);
        webhookVariables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(webhookVariables));
        for (String name : webhookVariables.keySet()) {
            if (!name.startsWith("CODEBUILD_WEBHOOK_")) {
                throw new IllegalArgumentException("Webhook variable '" + name + "' must start with CODEBUILD_WEBHOOK_");
            }
        }
        requireNonNull(secrets, "secrets is null");
        requireNonNull(artifacts, "artifacts is null");
        requireNonNull(cache, "cache is null");
        requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Build timeout must be positive, was " + timeout);
        }
        requireNonNull(batchBuildIdentifier, "batchBuildIdentifier is null");
        toolchains = List.copyOf(toolchains);
        requireNonNull(submittedAt, "submittedAt is null");
        requireNonNull(queuedAt, "queuedAt is null");
    }

    /** @return the uuid part of the build id */
    public String buildUuid()
    {
        return buildId.substring(projectName.length() + 1);
    }

    public static Builder builder(String buildId, long buildNumber, String projectName, Path workspace, Executor executor)
    {
        return new Builder(buildId, buildNumber, projectName, workspace, executor);
    }

    public Builder toBuilder()
    {
        Builder builder = new Builder(buildId, buildNumber, projectName, workspace, executor);
        builder.initiator = initiator;
        builder.sourceVersion = sourceVersion;
        builder.source = source;
        builder.buildspec = buildspec;
        builder.environment = environment;
        builder.projectVariables.addAll(projectVariables);
        builder.overrideVariables.addAll(overrideVariables);
        builder.webhookVariables.putAll(webhookVariables);
        builder.secrets = secrets;
        builder.artifacts = artifacts;
        builder.cache = cache;
        builder.timeout = timeout;
        builder.batchBuildIdentifier = batchBuildIdentifier;
        builder.submittedAt = submittedAt;
        builder.queuedAt = queuedAt;
        builder.toolchains.addAll(toolchains);
        return builder;
    }

    /** Builds a {@link BuildJob}; everything but the constructor's arguments has a default. */
    public static final class Builder
    {
        private String buildId;
        private long buildNumber;
        private final String projectName;
        private Path workspace;
        private final Executor executor;
        private String initiator = "slipway";
        private Optional<String> sourceVersion = Optional.empty();
        private BuildSource source = BuildSource.inPlace(Optional.empty(), Optional.empty());
        private BuildspecLocation buildspec = BuildspecLocation.DEFAULT;
        private EnvironmentSettings environment = EnvironmentSettings.DEFAULT;
        private final List<EnvironmentVariable> projectVariables = new ArrayList<>();
        private final List<EnvironmentVariable> overrideVariables = new ArrayList<>();
        private final Map<String, String> webhookVariables = new LinkedHashMap<>();
        private SecretResolver secrets = SecretResolver.none();
        private ArtifactSettings artifacts = ArtifactSettings.NONE;
        private CacheSettings cache = CacheSettings.NONE;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Optional<String> batchBuildIdentifier = Optional.empty();
        private Optional<Instant> submittedAt = Optional.empty();
        private Optional<Instant> queuedAt = Optional.empty();
        private final List<dev.slipway.api.executor.Toolchain> toolchains = new ArrayList<>();

        private Builder(String buildId, long buildNumber, String projectName, Path workspace, Executor executor)
        {
            this.buildId = buildId;
            this.buildNumber = buildNumber;
            this.projectName = projectName;
            this.workspace = workspace;
            this.executor = executor;
        }

        public Builder buildId(String buildId, long buildNumber)
        {
            this.buildId = buildId;
            this.buildNumber = buildNumber;
            return this;
        }

        public Builder workspace(Path workspace)
        {
            this.workspace = workspace;
            return this;
        }

        public Builder initiator(String initiator)
        {
            this.initiator = initiator;
            return this;
        }

        public Builder sourceVersion(String sourceVersion)
        {
            this.sourceVersion = Optional.of(sourceVersion);
            return this;
        }

        public Builder source(BuildSource source)
        {
            this.source = source;
            return this;
        }

        public Builder buildspec(BuildspecLocation buildspec)
        {
            this.buildspec = buildspec;
            return this;
        }

        public Builder inlineBuildspec(String text)
        {
            return buildspec(new BuildspecLocation.Inline(text));
        }

        public Builder environment(EnvironmentSettings environment)
        {
            this.environment = environment;
            return this;
        }

        public Builder projectVariable(EnvironmentVariable variable)
        {
            projectVariables.add(variable);
            return this;
        }

        public Builder overrideVariable(EnvironmentVariable variable)
        {
            overrideVariables.add(variable);
            return this;
        }

        public Builder webhookVariable(String name, String value)
        {
            webhookVariables.put(name, value);
            return this;
        }

        public Builder secrets(SecretResolver secrets)
        {
            this.secrets = secrets;
            return this;
        }

        public Builder artifacts(ArtifactSettings artifacts)
        {
            this.artifacts = artifacts;
            return this;
        }

        public Builder cache(CacheSettings cache)
        {
            this.cache = cache;
            return this;
        }

        public Builder timeout(Duration timeout)
        {
            this.timeout = timeout;
            return this;
        }

        public Builder batchBuildIdentifier(String identifier)
        {
            this.batchBuildIdentifier = Optional.of(identifier);
            return this;
        }

        public Builder submittedAt(Instant submittedAt, Instant queuedAt)
        {
            this.submittedAt = Optional.of(submittedAt);
            this.queuedAt = Optional.of(queuedAt);
            return this;
        }

        /** Offers a toolchain of the project's to {@code runtime-versions}, before the environment's own. */
        public Builder toolchain(dev.slipway.api.executor.Toolchain toolchain)
        {
            this.toolchains.add(requireNonNull(toolchain, "toolchain is null"));
            return this;
        }

        public BuildJob build()
        {
            return new BuildJob(buildId, buildNumber, projectName, initiator, sourceVersion, source, buildspec, workspace, executor, environment,
                    projectVariables, overrideVariables, webhookVariables, secrets, artifacts, cache, timeout, batchBuildIdentifier,
                    submittedAt, queuedAt, toolchains);
        }
    }
}
