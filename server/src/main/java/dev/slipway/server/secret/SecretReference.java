package dev.slipway.server.secret;

import java.util.Optional;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;

import static java.util.Objects.requireNonNull;

/**
 * A {@code secrets-manager} reference as buildspecs and project variables write it:
 * {@code secret-id[:json-key[:version-stage[:version-id]]]}. The secret id is a name or an ARN
 * ({@code arn:aws:secretsmanager:<region>:<account>:secret:<name>}, whose own colons belong to the id). Empty parts
 * mean "not given"; a version stage and a version id are mutually exclusive; without either the current version
 * ({@code AWSCURRENT}) is meant.
 */
public record SecretReference(String secretId, Optional<String> jsonKey, Optional<String> versionStage, Optional<String> versionId)
{
    public static final String CURRENT_STAGE = "AWSCURRENT";

    public SecretReference
    {
        requireNonNull(secretId, "secretId is null");
        requireNonNull(jsonKey, "jsonKey is null");
        requireNonNull(versionStage, "versionStage is null");
        requireNonNull(versionId, "versionId is null");
    }

    /**
     * @throws SlipwayException with {@link ErrorCode#INVALID_ARGUMENT} naming the problem if {@code reference} is
     *         empty, has more than four parts, or names both a version stage and a version id
     */
    public static SecretReference parse(String reference)
    {
        requireNonNull(reference, "reference is null");
        String id;
        String rest;
        if (reference.startsWith("arn:")) {
            // arn:partition:service:region:account:secret:name — seven colon-separated fields form the id.
            int colon = -1;
            for (int field = 0; field < 7; field++) {
                colon = reference.indexOf(':', colon + 1);
                if (colon < 0) {
                    break;
                }
            }
            id = colon < 0 ? reference : reference.substring(0, colon);
            rest = colon < 0 ? null : reference.substring(colon + 1);
        }
        else {
            int colon = reference.indexOf(':');
            id = colon < 0 ? reference : reference.substring(0, colon);
            rest = colon < 0 ? null : reference.substring(colon + 1);
        }
        if (id.isBlank()) {
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT,
                    "Secret reference '" + reference + "' has no secret id; write secret-id[:json-key[:version-stage[:version-id]]]");
        }
        String[] parts = rest == null ? new String[0] : rest.split(":", -1);
        if (parts.length > 3) {
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT,
                    "Secret reference '" + reference + "' has too many parts; write secret-id[:json-key[:version-stage[:version-id]]]");
        }
        Optional<String> jsonKey = part(parts, 0);
        Optional<String> stage = part(parts, 1);
        Optional<String> versionId = part(parts, 2);
        if (stage.isPresent() && versionId.isPresent()) {
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT,
                    "Secret reference '" + reference + "' names both version stage '" + stage.get() + "' and version id '"
                            + versionId.get() + "'; give one of them (leave the other empty)");
        }
        return new SecretReference(id, jsonKey, stage, versionId);
    }

    private static Optional<String> part(String[] parts, int index)
    {
        return index < parts.length && !parts[index].isEmpty() ? Optional.of(parts[index]) : Optional.empty();
    }

    /** @return the version stage to read: the given one, or {@value #CURRENT_STAGE} when neither stage nor id is given */
    public Optional<String> effectiveVersionStage()
    {
        return versionStage.isPresent() || versionId.isPresent() ? versionStage : Optional.of(CURRENT_STAGE);
    }
}
