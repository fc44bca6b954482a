package dev.slipway.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages for requests it rejects before they reach Jersey (a path with an encoded {@code /}, {@code \},
 * {@code %} or NUL, a {@code ..} or empty segment, a URI or headers too large, an error in a servlet): the API's
 * JSON error body under {@code /api}, one line of plain text elsewhere, never HTML.
 *
 * <p>Installed twice: on the server (errors before any context, such as a URI that is too long) and on the servlet
 * context (errors inside it). Jetty calls it on its own threads; it holds no state.
 */
final class ApiErrorHandler
{
    private ApiErrorHandler() {}

    /** The handler for the {@link org.eclipse.jetty.server.Server}. */
    static ErrorHandler forServer()
    {
        return new ErrorHandler()
        {
            @Override
            protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
            {
                ApiErrorHandler.respond(request, response, code, message, callback);
            }
        };
    }

    /** The handler for the servlet context. */
    static ErrorHandler forContext()
    {
        return new org.eclipse.jetty.ee11.servlet.ErrorHandler()
        {
            @Override
            protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
            {
                ApiErrorHandler.respond(request, response, code, message, callback);
            }
        };
    }

    private static void respond(Request request, Response response, int code, String reason, Callback callback)
    {
        String path = rawPath(request);
        String message = message(code, reason, path);
        byte[] body;
        String type;
        // A request rejected while its first line or headers were read has no path of its own (Jetty 12 shows it
        // as "/badMessage"): it is far more likely an API client's than a browser's.
        boolean unread = path == null || path.equals("/badMessage");
        if (unread || path.equals("/") || path.equals("/api") || path.startsWith("/api/")) {
            body = ErrorBodies.json(new ErrorJson(ErrorStatus.codeFor(code).name(), message, List.of()));
            type = "application/json";
        }
        else {
            body = (message + "\n").getBytes(StandardCharsets.UTF_8);
            type = "text/plain;charset=utf-8";
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (unread) {
            // Jetty closes the connection after a request it could not read to its end: say so, or a client keeps the
            // connection and its next request on it fails with a broken pipe.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static String rawPath(Request request)
    {
        HttpURI uri = request.getHttpURI();
        if (uri == null) {
            return null;
        }
        String path = uri.getPath();
        return path == null || path.isEmpty() ? null : path;
    }

    private static String message(int code, String reason, String path)
    {
        String jetty = reason == null || reason.isBlank() ? HttpStatus.getMessage(code) : reason;
        boolean known = path != null && !path.equals("/badMessage");
        String shown = !known ? "" : " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path);
        return switch (code) {
            case 400 -> known && !jetty.matches("(?i).*(uri|path|segment|encod|separator|charset).*")
                    ? "Bad request" + shown + " (" + jetty + ")"
                    : "Bad request" + shown + " (" + jetty + "): path segments must not be empty, '.' or '..', nor contain an encoded '/', '\\', '%' "
                            + "or control character; ids and names never need them";
            case 414 -> "The request URI is too long (" + jetty + "); project names and build ids are far shorter";
            case 431 -> "The request headers are too large (" + jetty + ")";
            // Jetty's reason for a server error can be an exception's text: never show internals (ErrorMappers logs them).
            case 500 -> "Internal error" + (known ? " in " + path : "") + "; the server log has the details";
            default -> jetty + (known ? " (" + path + ")" : "");
        };
    }
}
