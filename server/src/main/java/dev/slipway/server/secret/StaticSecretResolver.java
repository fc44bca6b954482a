package dev.slipway.server.secret;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A {@link SecretResolver} whose values are given up front: {@code slipway run}'s {@code --parameter},
 * {@code --secret} and {@code --secrets-file}, and tests. Parameters are looked up by their exact name
 * ({@code /prod/db/password}); secrets by their secret id, and only in the current version: a reference that asks
 * for another version stage or a version id finds nothing, so the build fails naming the version. Immutable and
 * thread-safe.
 */
public final class StaticSecretResolver
        implements SecretResolver
{
    private final Map<String, String> parameters;
    private final Map<String, String> secrets;

    /**
     * @param parameters parameter name → value
     * @param secrets secret id → the secret's whole text (plain text, or a JSON object for references with a
     *        {@code json-key})
     */
    public StaticSecretResolver(Map<String, String> parameters, Map<String, String> secrets)
    {
        this.parameters = Map.copyOf(new LinkedHashMap<>(requireNonNull(parameters, "parameters is null")));
        this.secrets = Map.copyOf(new LinkedHashMap<>(requireNonNull(secrets, "secrets is null")));
    }

    @Override
    public Optional<String> parameter(String name, SecretScope scope)
    {
        requireNonNull(name, "name is null");
        return Optional.ofNullable(parameters.get(name));
    }

    @Override
    public Optional<String> secret(SecretReference reference, SecretScope scope)
    {
        requireNonNull(reference, "reference is null");
        if (reference.versionId().isPresent() || !reference.effectiveVersionStage().equals(Optional.of(SecretReference.CURRENT_STAGE))) {
            return Optional.empty();
        }
        return Optional.ofNullable(secrets.get(reference.secretId()));
    }

    /** @return every value this resolver can return, for masking before a build starts */
    public java.util.Collection<String> values()
    {
        java.util.List<String> values = new java.util.ArrayList<>(parameters.values());
        values.addAll(secrets.values());
        return values;
    }

    @Override
    public String toString()
    {
        // Names only, never values.
        return "StaticSecretResolver{parameters=" + parameters.keySet() + ", secrets=" + secrets.keySet() + "}";
    }
}
