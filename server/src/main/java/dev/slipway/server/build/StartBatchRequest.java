package dev.slipway.server.build;

import java.util.List;

import dev.slipway.server.project.ProjectJson.VariableJson;

/**
 * The body of {@code POST /api/v1/projects/{name}/build-batches}: a build start's overrides, which every child build
 * inherits, plus {@code combineArtifacts}. Every field is optional.
 *
 * @param combineArtifacts if true, the children's primary artifacts are combined into one (COMBINE_ARTIFACTS), each
 *        child's files under its batch identifier
 * @param priority the children's priority among queued builds
 */
public record StartBatchRequest(
        String sourceVersion,
        List<VariableJson> environmentVariablesOverride,
        String buildspecOverride,
        Integer timeoutInMinutesOverride,
        Integer queuedTimeoutInMinutesOverride,
        Integer priority,
        Boolean combineArtifacts)
{
    static final StartBatchRequest EMPTY = new StartBatchRequest(null, null, null, null, null, null, null);

    /** @return what each child build is started with */
    StartBuildRequest build()
    {
        return new StartBuildRequest(sourceVersion, environmentVariablesOverride, buildspecOverride, timeoutInMinutesOverride, queuedTimeoutInMinutesOverride,
                priority, null);
    }

    /** The body of {@code POST /api/v1/build-batches/{id}/retry}. */
    public record Retry(String retryType)
    {
    }
}
