package dev.slipway.server.http;

import dev.slipway.api.ErrorCode;

/** The HTTP status of each error code, as contracts.md specifies. */
final class ErrorStatus
{
    private ErrorStatus() {}

    static int of(ErrorCode code)
    {
        return switch (code.name()) {
            case "INVALID_ARGUMENT", "INVALID_CONFIG" -> 400;
            case "PERMISSION_DENIED" -> 403;
            case "NOT_FOUND" -> 404;
            case "ALREADY_EXISTS", "CONFLICT", "CANCELLED" -> 409;
            case "NOT_SUPPORTED" -> 501;
            case "TIMEOUT" -> 504;
            case "EXTERNAL_FAILURE" -> 502;
            case "PLUGIN_FAILURE", "INTERNAL" -> 500;
            default -> switch (code.type()) {
                case USER_ERROR -> 400;
                case EXTERNAL -> 502;
                case PLUGIN_ERROR, INTERNAL_ERROR -> 500;
            };
        };
    }

    /** The code for a status that Jersey (not our code) produced: 404 for an unknown path, 405, 415, … */
    static ErrorCode codeFor(int status)
    {
        return switch (status) {
            case 401, 403 -> ErrorCode.PERMISSION_DENIED;
            case 404, 410 -> ErrorCode.NOT_FOUND;
            case 405, 406, 415, 501 -> ErrorCode.NOT_SUPPORTED;
            case 409, 412 -> ErrorCode.CONFLICT;
            case 502, 503 -> ErrorCode.EXTERNAL_FAILURE;
            case 504 -> ErrorCode.TIMEOUT;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_ARGUMENT;
        };
    }
}
