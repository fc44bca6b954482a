package dev.slipway.server.secret;

import java.util.Optional;

import dev.slipway.api.SlipwayException;

/**
 * Resolves {@code parameter-store} names and {@code secrets-manager} references to their values. The server's
 * implementation reads Slipway's own encrypted parameter and secret store subject to the project's service role
 * (the security feature); {@code slipway run} answers from {@code --parameter}/{@code --secret} flags or a file.
 *
 * <p>Called by the build engine on the build thread, once per referenced name, before the first command runs;
 * implementations must be thread-safe because builds run concurrently. Every value returned is masked in the
 * build's log.
 */
public interface SecretResolver
{
    /**
     * @param name the parameter's name as written, e.g. {@code /prod/db/password}
     * @return the parameter's value, or empty if there is no such parameter
     * @throws SlipwayException if the parameter exists but may not be read ({@code PERMISSION_DENIED}) or the store
     *         failed; a user-error code fails the build, any other fault it
     */
    Optional<String> parameter(String name, SecretScope scope);

    /**
     * @param reference the secret's id and version; its {@link SecretReference#jsonKey()} is applied by the caller
     * @return the secret's whole text (the caller extracts the JSON key), or empty if there is no such secret or
     *         version
     * @throws SlipwayException as for {@link #parameter}
     */
    Optional<String> secret(SecretReference reference, SecretScope scope);

    /** @return a resolver that knows no parameters and no secrets */
    static SecretResolver none()
    {
        return new SecretResolver()
        {
            @Override
            public Optional<String> parameter(String name, SecretScope scope)
            {
                return Optional.empty();
            }

            @Override
            public Optional<String> secret(SecretReference reference, SecretScope scope)
            {
                return Optional.empty();
            }
        };
    }
}
