package dev.slipway.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns every failure of an API request into the error body of {@link ErrorJson} with the status contracts.md gives.
 * User errors log one line, internal errors their stack once with a reference that the response repeats; a stack
 * trace never reaches the client.
 */
final class ErrorMappers
{
    private static final Logger log = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers() {}

    static List<Class<?>> all()
    {
        return List.of(SlipwayExceptionMapper.class, JsonExceptionMapper.class, WebApplicationExceptionMapper.class, UnexpectedExceptionMapper.class);
    }

    static Response response(int status, ErrorCode code, String message, List<String> details)
    {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorJson(code.name(), message, details))
                .build();
    }

    static Response internalError(Throwable error, String request)
    {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Internal error {} in {}", reference, request, error);
        return response(500, ErrorCode.INTERNAL, "Internal error (reference " + reference + "); the server log has the details", List.of());
    }

    private static String describe(Request request, UriInfo uriInfo)
    {
        return request.getMethod() + " /api/" + uriInfo.getPath(false).replaceFirst("^/", "");
    }

    /** {@link SlipwayException}: the status follows the error code. */
    @Provider
    public static final class SlipwayExceptionMapper
            implements ExceptionMapper<SlipwayException>
    {
        @Context
        private UriInfo uriInfo;
        @Context
        private Request request;

        @Override
        public Response toResponse(SlipwayException exception)
        {
            ErrorCode code = exception.errorCode();
            String where = describe(request, uriInfo);
            switch (code.type()) {
                case USER_ERROR -> log.info("{}: {} {}", where, code.name(), exception.getMessage());
                case EXTERNAL, PLUGIN_ERROR -> log.warn("{}: {} {}", where, code.name(), exception.getMessage());
                case INTERNAL_ERROR -> log.error("{}: {} {}", where, code.name(), exception.getMessage(), exception);
            }
            return response(ErrorStatus.of(code), code, exception.getMessage(), exception.details());
        }
    }

    /**
     * A request body that is not valid JSON (or YAML), or does not fit the expected shape: 400 with the line and
     * column. The same exception raised while writing a response is a bug in the server: 500.
     */
    @Provider
    public static final class JsonExceptionMapper
            implements ExceptionMapper<JsonProcessingException>
    {
        private static final Pattern JAVA_NAME = Pattern.compile("`((?:[a-z][a-z0-9_]*\\.)+)([A-Za-z0-9_$]+)`");

        @Context
        private UriInfo uriInfo;
        @Context
        private Request request;

        @Override
        public Response toResponse(JsonProcessingException exception)
        {
            if (exception instanceof JsonMappingException mapping && mapping.getProcessor() instanceof JsonGenerator) {
                return internalError(exception, describe(request, uriInfo));
            }
            // Jackson wraps what the body's stream throws while it binds a field: a body over the limit is still a 413.
            for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof RequestBodyLimitFilter.TooLargeException tooLarge) {
                    log.info("{}: {}", describe(request, uriInfo), tooLarge.getMessage());
                    return response(413, ErrorCode.INVALID_ARGUMENT, tooLarge.getMessage(), List.of());
                }
            }
            StringBuilder message = new StringBuilder("Invalid request body");
            JsonLocation location = exception.getLocation();
            if (location != null && location.getLineNr() > 0) {
                message.append(" at line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
            }
            List<String> details = new ArrayList<>();
            if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                message.append(" (field '").append(fieldPath(mapping)).append("')");
            }
            if (exception instanceof UnrecognizedPropertyException unknown) {
                List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                        : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
                message.append(": unknown field '").append(unknown.getPropertyName()).append("'; known fields: ").append(known);
            }
            else {
                message.append(": ").append(firstLine(exception.getOriginalMessage()));
            }
            log.info("{}: {}", describe(request, uriInfo), message);
            return response(400, ErrorCode.INVALID_ARGUMENT, message.toString(), details);
        }

        private static String fieldPath(JsonMappingException exception)
        {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference reference : exception.getPath()) {
                if (reference.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
                }
                else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            return path.toString();
        }

        private static String firstLine(String text)
        {
            if (text == null) {
                return "malformed";
            }
            // Jackson's messages continue with a source excerpt and name server classes; neither helps the sender.
            String line = text.lines().findFirst().orElse(text);
            int hint = line.indexOf(" (for ");
            line = hint > 0 ? line.substring(0, hint) : line;
            line = line.replaceAll(" \\(class [\\w.$]+\\)", "");
            return JAVA_NAME.matcher(line).replaceAll(match -> Matcher.quoteReplacement("`" + match.group(2).replace('$', '.') + "`"));
        }
    }

    /**
     * Statuses that Jersey raises itself (unknown path, wrong method, unsupported media type) and that resources throw
     * as {@link WebApplicationException}. A response that already has an entity is passed through unchanged.
     */
    @Provider
    public static final class WebApplicationExceptionMapper
            implements ExceptionMapper<WebApplicationException>
    {
        @Context
        private UriInfo uriInfo;
        @Context
        private Request request;
        @Context
        private HttpHeaders headers;

        @Override
        public Response toResponse(WebApplicationException exception)
        {
            Response original = exception.getResponse();
            if (original.hasEntity()) {
                return original;
            }
            int status = original.getStatus();
            String where = describe(request, uriInfo);
            if (status >= 500) {
                return internalError(exception, where);
            }
            String message;
            if (exception instanceof NotFoundException) {
                message = "No API endpoint at " + where;
            }
            else if (exception instanceof NotAllowedException) {
                message = "Method " + request.getMethod() + " is not allowed on /api/" + uriInfo.getPath(false).replaceFirst("^/", "")
                        + "; allowed: " + String.join(", ", new TreeSet<>(original.getAllowedMethods()));
            }
            else if (exception instanceof NotSupportedException) {
                message = "Content type " + headers.getMediaType() + " is not supported by " + where + "; send application/json";
            }
            else if (exception instanceof NotAcceptableException) {
                message = where + " cannot produce any of " + headers.getAcceptableMediaTypes() + "; it produces application/json";
            }
            else {
                message = exception.getMessage() == null ? original.getStatusInfo().getReasonPhrase() : exception.getMessage();
            }
            log.debug("{}: {}", where, message);
            Response.ResponseBuilder response = Response.fromResponse(original)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorJson(ErrorStatus.codeFor(status).name(), message, List.of()));
            return response.build();
        }
    }

    /** Anything else is a bug: 500, the stack logged once with a reference, never returned. */
    @Provider
    public static final class UnexpectedExceptionMapper
            implements ExceptionMapper<Throwable>
    {
        @Context
        private UriInfo uriInfo;
        @Context
        private Request request;

        @Override
        public Response toResponse(Throwable exception)
        {
            return internalError(exception, describe(request, uriInfo));
        }
    }
}
