package dev.slipway.server.http;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The body of every error response of the API: {@code {"code": "NOT_FOUND", "message": "…", "details": ["…"]}}.
 *
 * @param code the name of a {@link dev.slipway.api.ErrorCode}
 * @param message one sentence for a person
 * @param details further lines, e.g. one per invalid field; never null
 */
public record ErrorJson(String code, String message, List<String> details)
{
    public ErrorJson
    {
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
        details = List.copyOf(details);
    }
}
