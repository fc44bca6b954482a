package dev.slipway.server.build.engine;

import static java.util.Objects.requireNonNull;

/**
 * Why a phase ended as it did, as CodeBuild's phase {@code contexts}: a status code such as
 * {@code COMMAND_EXECUTION_ERROR}, {@code YAML_FILE_ERROR} or {@code CLIENT_ERROR}, and a message for people.
 */
public record StatusContext(String statusCode, String message)
{
    public static final String COMMAND_EXECUTION_ERROR = "COMMAND_EXECUTION_ERROR";
    public static final String YAML_FILE_ERROR = "YAML_FILE_ERROR";
    public static final String CLIENT_ERROR = "CLIENT_ERROR";
    public static final String BUILD_TIMED_OUT = "BUILD_TIMED_OUT";
    public static final String BUILD_STOPPED = "BUILD_STOPPED";
    public static final String ENVIRONMENT_ERROR = "ENVIRONMENT_ERROR";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    public static final String PARAMETER_STORE_ERROR = "PARAMETER_STORE_ERROR";
    public static final String SECRETS_MANAGER_ERROR = "SECRETS_MANAGER_ERROR";

    public StatusContext
    {
        requireNonNull(statusCode, "statusCode is null");
        requireNonNull(message, "message is null");
    }
}
