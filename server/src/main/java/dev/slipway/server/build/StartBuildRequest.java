package dev.slipway.server.build;

import java.util.List;

import dev.slipway.server.project.ProjectJson.VariableJson;

/**
 * The body of {@code POST /api/v1/projects/{name}/builds}; every field is optional.
 *
 * @param sourceVersion the version to build (branch, tag, commit, …); the source's default when absent
 * @param environmentVariablesOverride variables that override the project's
 * @param buildspecOverride inline buildspec YAML used instead of the project's buildspec
 * @param timeoutInMinutesOverride the build timeout, 5 to 2160
 * @param queuedTimeoutInMinutesOverride the queued timeout, 5 to 480
 * @param priority higher runs first among queued builds; -1000 to 1000, 0 by default
 * @param idempotencyToken the same token with the same request within 12 hours returns the same build
 */
public record StartBuildRequest(
        String sourceVersion,
        List<VariableJson> environmentVariablesOverride,
        String buildspecOverride,
        Integer timeoutInMinutesOverride,
        Integer queuedTimeoutInMinutesOverride,
        Integer priority,
        String idempotencyToken)
{
    static final StartBuildRequest EMPTY = new StartBuildRequest(null, null, null, null, null, null, null);

    /** @return this request without its idempotency token (what a retry repeats) */
    StartBuildRequest withoutToken()
    {
        return new StartBuildRequest(sourceVersion, environmentVariablesOverride, buildspecOverride, timeoutInMinutesOverride, queuedTimeoutInMinutesOverride,
                priority, null);
    }

    StartBuildRequest withSourceVersion(String version)
    {
        return new StartBuildRequest(version, environmentVariablesOverride, buildspecOverride, timeoutInMinutesOverride, queuedTimeoutInMinutesOverride,
                priority, idempotencyToken);
    }
}
