package dev.slipway.server.secret;

import static java.util.Objects.requireNonNull;

/** Whose build asks for a parameter or secret: the resolver checks the project's service role against it. */
public record SecretScope(String projectName, String buildId)
{
    public SecretScope
    {
        requireNonNull(projectName, "projectName is null");
        requireNonNull(buildId, "buildId is null");
    }
}
