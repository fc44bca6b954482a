package dev.slipway.server.http;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{\\s*([A-Za-z0-9_.-]+)\\s*(?::((?:[^{}]|\\{[^{}]*})*))?}");

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
            else if (exception instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                message.setLength(0);
                message.append("Invalid request body");
                if (location != null && location.getLineNr() > 0) {
                    message.append(" at line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
                }
                String field = mismatch.getPath().isEmpty() ? "(body)" : fieldPath(mismatch);
                message.append(": ").append(field).append(": expected ").append(expected(mismatch.getTargetType()))
                        .append(", got ").append(got(mismatch));
            }
            else {
                message.append(": ").append(firstLine(exception.getOriginalMessage()));
            }
            log.info("{}: {}", describe(request, uriInfo), message);
            return response(400, ErrorCode.INVALID_ARGUMENT, message.toString(), details);
        }

        /** What a value of the type looks like in JSON, without Java names. */
        private static String expected(Class<?> type)
        {
            if (type == int.class || type == Integer.class || type == long.class || type == Long.class || type == short.class || type == Short.class
                    || type == byte.class || type == Byte.class || type == BigInteger.class) {
                return "a whole number";
            }
            if (type == double.class || type == Double.class || type == float.class || type == Float.class || Number.class.isAssignableFrom(type)) {
                return "a number";
            }
            if (type == boolean.class || type == Boolean.class) {
                return "true or false";
            }
            if (type == String.class || type == char.class || type == Character.class) {
                return "a string";
            }
            if (type == Instant.class) {
                return "an ISO-8601 instant such as \"2026-11-26T13:00:00Z\" (a string)";
            }
            if (type == Duration.class) {
                return "an ISO-8601 duration such as \"PT1M30S\" (a string)";
            }
            if (type.isEnum()) {
                return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
            }
            if (type.isArray() || Collection.class.isAssignableFrom(type)) {
                return "a list";
            }
            return "an object";
        }

        /** What the body had where the value was expected: the parser is still at that token. */
        private static String got(MismatchedInputException mismatch)
        {
            JsonToken token = mismatch.getProcessor() instanceof JsonParser parser ? parser.currentToken() : null;
            if (token == null) {
                return "something else";
            }
            return switch (token) {
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT -> "a whole number";
                case VALUE_NUMBER_FLOAT -> "a decimal number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                case START_OBJECT, FIELD_NAME, END_OBJECT -> "an object";
                case START_ARRAY, END_ARRAY -> "a list";
                default -> "something else";
            };
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
        @Context
        private ExtendedResourceContext resources;

        /** The media types the methods at this path and HTTP method produce: Jersey's 406 does not say which. */
        private List<String> producedTypes(String httpMethod, String path)
        {
            String requested = "/" + path.replaceFirst("^/", "");
            Set<String> types = new TreeSet<>();
            for (Resource root : resources.getResourceModel().getRootResources()) {
                collectProduced(root, OpenApiGenerator.join("/", root.getPath()), httpMethod, requested, types);
            }
            return types.isEmpty() ? List.of(MediaType.APPLICATION_JSON) : List.copyOf(types);
        }

        private static void collectProduced(Resource resource, String template, String httpMethod, String path, Set<String> types)
        {
            if (pathPattern(template).matcher(path).matches()) {
                for (ResourceMethod method : resource.getResourceMethods()) {
                    if (method.getHttpMethod().equals(httpMethod)) {
                        method.getProducedTypes().forEach(type -> types.add(type.toString()));
                    }
                }
            }
            for (Resource child : resource.getChildResources()) {
                collectProduced(child, OpenApiGenerator.join(template, child.getPath()), httpMethod, path, types);
            }
        }

        /** A JAX-RS path template as a regular expression: {@code {id}} is one segment, {@code {id: re}} is {@code re}. */
        private static Pattern pathPattern(String template)
        {
            Matcher variable = TEMPLATE_VARIABLE.matcher(template);
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (variable.find()) {
                regex.append(Pattern.quote(template.substring(last, variable.start())));
                regex.append(variable.group(2) == null ? "[^/]+" : "(?:" + variable.group(2).trim() + ")");
                last = variable.end();
            }
            regex.append(Pattern.quote(template.substring(last)));
            return Pattern.compile(regex.toString());
        }

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
                message = where + " cannot produce any of " + headers.getAcceptableMediaTypes() + "; it produces "
                        + String.join(", ", producedTypes(request.getMethod(), uriInfo.getPath(false)));
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
