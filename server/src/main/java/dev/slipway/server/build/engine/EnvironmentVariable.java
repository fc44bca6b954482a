package dev.slipway.server.build.engine;

import static java.util.Objects.requireNonNull;

/**
 * A project-level or start-build environment variable, typed as in CodeBuild: a plain value, or the name of a
 * parameter, or a secret reference ({@code secret-id[:json-key[:version-stage[:version-id]]]}).
 */
public record EnvironmentVariable(String name, String value, Type type)
{
    public enum Type
    {
        PLAINTEXT,
        PARAMETER_STORE,
        SECRETS_MANAGER,
    }

    public EnvironmentVariable
    {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        requireNonNull(type, "type is null");
    }

    public static EnvironmentVariable plain(String name, String value)
    {
        return new EnvironmentVariable(name, value, Type.PLAINTEXT);
    }
}
