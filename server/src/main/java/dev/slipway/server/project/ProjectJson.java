package dev.slipway.server.project;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A build project as the API reads and writes it (contracts-service.md). In a request, fields may be left out: the
 * server fills in the defaults, ignores {@code createdAt} and {@code updatedAt}, and on update compares
 * {@code version} (when given) with the stored one. In a response every field is filled in, except the optional ones
 * that are null ({@code artifacts} for a project without artifacts, {@code concurrentBuildLimit},
 * {@code serviceRole}, {@code environment.image}).
 *
 * @param name unique and immutable: a letter or digit, then letters, digits, {@code -} and {@code _}; 2 to 255 characters
 * @param source where the build's input comes from
 * @param buildspec a path in the source or inline YAML
 * @param environment the executor (a name from the server's {@code executors:}) and what the build runs with
 * @param artifacts where and how artifacts are stored; null for a project without artifacts
 * @param cache the cache settings
 * @param timeoutInMinutes the build timeout, 5 to 2160
 * @param queuedTimeoutInMinutes how long a build may wait in the queue, 5 to 480
 * @param concurrentBuildLimit how many builds of the project may run at once; null for no limit
 * @param serviceRole the role builds run with; filled in by the security feature
 * @param badgeEnabled whether {@code badge.svg} is served
 * @param version increases with every update, for optimistic concurrency
 */
public record ProjectJson(
        String name,
        String description,
        SourceJson source,
        BuildspecJson buildspec,
        EnvironmentJson environment,
        ArtifactsJson artifacts,
        CacheJson cache,
        Integer timeoutInMinutes,
        Integer queuedTimeoutInMinutes,
        Integer concurrentBuildLimit,
        String serviceRole,
        Boolean badgeEnabled,
        Instant createdAt,
        Instant updatedAt,
        Long version)
{
    /** @return this project with the given metadata */
    ProjectJson withMetadata(Instant created, Instant updated, long newVersion)
    {
        return new ProjectJson(name, description, source, buildspec, environment, artifacts, cache, timeoutInMinutes, queuedTimeoutInMinutes,
                concurrentBuildLimit, serviceRole, badgeEnabled, created, updated, newVersion);
    }

    /**
     * @param type a source provider factory id ({@code directory}) or {@code none}
     * @param config the provider's configuration
     */
    public record SourceJson(String type, Map<String, Object> config)
    {
    }

    /**
     * Exactly one of the two.
     *
     * @param path a file in the source, relative to its root ({@code buildspec.yml} by default)
     * @param inline the buildspec's YAML; required for source type {@code none}
     */
    public record BuildspecJson(String path, String inline)
    {
    }

    /**
     * @param executor a name from the server's {@code executors:} ({@code local} by default)
     * @param image an image for image-based executors; the local executor ignores it
     * @param computeType CodeBuild's compute type, {@code BUILD_GENERAL1_SMALL} by default
     * @param privilegedMode whether builds may run privileged (Docker in Docker)
     * @param variables the project's environment variables
     * @param runtimes toolchains this project's builds may choose with {@code runtime-versions}, as
     *        {@code runtime:version=/path/to/home} entries (the local executor's {@code toolchains} form); they win over
     *        the executor's own
     */
    public record EnvironmentJson(String executor, String image, String computeType, Boolean privilegedMode, List<VariableJson> variables,
            List<String> runtimes)
    {
    }

    /**
     * @param value the value ({@code PLAINTEXT}), the parameter's name ({@code PARAMETER_STORE}) or the secret reference
     *        {@code secret-id[:json-key[:version-stage[:version-id]]]} ({@code SECRETS_MANAGER})
     * @param type {@code PLAINTEXT} (default), {@code PARAMETER_STORE} or {@code SECRETS_MANAGER}
     */
    public record VariableJson(String name, String value, String type)
    {
    }

    /**
     * @param store a name from the server's {@code artifact-stores:}
     * @param packaging {@code ZIP} (default) or {@code NONE} (the files as they are)
     * @param overrideArtifactName if true, the buildspec's {@code artifacts.name} names the artifact
     * @param secondary the secondary artifacts a buildspec's {@code secondary-artifacts} may use
     */
    public record ArtifactsJson(String store, String packaging, Boolean overrideArtifactName, List<SecondaryArtifactJson> secondary)
    {
    }

    /** @param packaging {@code ZIP} (default) or {@code NONE} */
    public record SecondaryArtifactJson(String identifier, String packaging)
    {
    }

    /**
     * @param type {@code NO_CACHE} (default) or {@code STORE}
     * @param store for {@code STORE}: a name from the server's {@code artifact-stores:}
     */
    public record CacheJson(String type, String store)
    {
    }
}
