package dev.slipway.server.http;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.model.ResourceModel;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * Writes an OpenAPI 3.0 document from Jersey's resource model: one operation per resource method (Jersey's generated
 * HEAD and OPTIONS methods left out), path and query parameters, request bodies, and response schemas derived from the
 * Java return types (records become object schemas in {@code components}). Every operation names the common error body.
 */
final class OpenApiGenerator
{
    static final String API_ROOT = "/api";

    private final String version;
    private final OpenApiSchemas schemas = new OpenApiSchemas();

    OpenApiGenerator(String version)
    {
        this.version = requireNonNull(version, "version is null");
    }

    Map<String, Object> generate(ResourceModel model)
    {
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        List<Resource> roots = new ArrayList<>(model.getRootResources());
        roots.sort(Comparator.comparing(Resource::getPath));
        for (Resource resource : roots) {
            walk(resource, join(API_ROOT, resource.getPath()), paths);
        }
        Map<String, Object> errorSchema = schemas.schemaOf(ErrorJson.class);

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.0.3");
        document.put("info", OpenApiSchemas.ordered(
                "title", "Slipway API",
                "version", version,
                "description", "Errors are {\"code\", \"message\", \"details\"} with the HTTP status of the code."));
        document.put("paths", paths);
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("schemas", schemas.components());
        components.put("responses", OpenApiSchemas.ordered("Error", OpenApiSchemas.ordered(
                "description", "The request failed; code is an ErrorCode name",
                "content", OpenApiSchemas.ordered(MediaType.APPLICATION_JSON, OpenApiSchemas.ordered("schema", errorSchema)))));
        document.put("components", components);
        return document;
    }

    private void walk(Resource resource, String path, Map<String, Map<String, Object>> paths)
    {
        for (ResourceMethod method : resource.getResourceMethods()) {
            if (method.isExtended()) {
                continue;
            }
            Map<String, Object> operations = paths.computeIfAbsent(template(path), key -> new TreeMap<>());
            operations.put(method.getHttpMethod().toLowerCase(Locale.ROOT), operation(method));
        }
        List<Resource> children = new ArrayList<>(resource.getChildResources());
        children.sort(Comparator.comparing(Resource::getPath));
        for (Resource child : children) {
            walk(child, join(path, child.getPath()), paths);
        }
    }

    private Map<String, Object> operation(ResourceMethod resourceMethod)
    {
        Method method = resourceMethod.getInvocable().getDefinitionMethod();
        String tag = method.getDeclaringClass().getSimpleName().replaceFirst("Resource$", "");
        Answers answers = method.getAnnotation(Answers.class);
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("operationId", tag + "." + method.getName());
        operation.put("tags", List.of(tag));

        List<Map<String, Object>> parameters = new ArrayList<>();
        for (Parameter parameter : resourceMethod.getInvocable().getParameters()) {
            switch (parameter.getSource()) {
                case PATH, QUERY, HEADER, COOKIE -> {
                    Map<String, Object> description = new LinkedHashMap<>();
                    description.put("name", parameter.getSourceName());
                    description.put("in", parameter.getSource().name().toLowerCase(Locale.ROOT));
                    description.put("required", parameter.getSource() == Parameter.Source.PATH);
                    description.put("schema", schemas.schemaOf(parameter.getType()));
                    parameters.add(description);
                }
                case ENTITY -> {
                    Map<String, Object> content = new LinkedHashMap<>();
                    for (MediaType type : mediaTypes(resourceMethod.getConsumedTypes())) {
                        content.put(type.toString(), OpenApiSchemas.ordered("schema", schemas.schemaOf(parameter.getType())));
                    }
                    boolean required = answers == null || answers.requestBodyRequired();
                    operation.put("requestBody", OpenApiSchemas.ordered("required", required, "content", content));
                }
                default -> {
                    // @Context and friends are not part of the request.
                }
            }
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }

        Map<String, Object> responses = new LinkedHashMap<>();
        Type returned = method.getGenericReturnType();
        if (answers != null) {
            List<Integer> statuses = new ArrayList<>();
            statuses.add(answers.status());
            Arrays.stream(answers.alsoWith()).forEach(statuses::add);
            for (int status : statuses) {
                if (answers.body() == Void.class) {
                    responses.put(Integer.toString(status), OpenApiSchemas.ordered("description", description(status)));
                    continue;
                }
                Map<String, Object> content = new LinkedHashMap<>();
                for (MediaType type : mediaTypes(resourceMethod.getProducedTypes())) {
                    content.put(type.toString(), OpenApiSchemas.ordered("schema", schemas.schemaOf(answers.body())));
                }
                responses.put(Integer.toString(status), OpenApiSchemas.ordered("description", description(status), "content", content));
            }
        }
        else if (returned == void.class && (answersLater(resourceMethod) || streams(resourceMethod))) {
            // An asynchronous method (@Suspended, or an SSE sink) answers later, with its declared media types.
            Map<String, Object> content = new LinkedHashMap<>();
            for (MediaType type : mediaTypes(resourceMethod.getProducedTypes())) {
                content.put(type.toString(), OpenApiSchemas.ordered("schema", OpenApiSchemas.ordered()));
            }
            responses.put("200", OpenApiSchemas.ordered("description", "OK", "content", content));
        }
        else if (returned == void.class) {
            responses.put("204", OpenApiSchemas.ordered("description", description(204)));
        }
        else {
            Map<String, Object> content = new LinkedHashMap<>();
            Map<String, Object> schema = returned == Response.class ? OpenApiSchemas.ordered() : schemas.schemaOf(returned);
            for (MediaType type : mediaTypes(resourceMethod.getProducedTypes())) {
                content.put(type.toString(), OpenApiSchemas.ordered("schema", schema));
            }
            responses.put("200", OpenApiSchemas.ordered("description", "OK", "content", content));
        }
        for (String status : errorStatuses(resourceMethod)) {
            responses.put(status, OpenApiSchemas.ordered("$ref", "#/components/responses/Error"));
        }
        responses.put("default", OpenApiSchemas.ordered("$ref", "#/components/responses/Error"));
        operation.put("responses", responses);
        return operation;
    }

    /**
     * The client errors a method can answer, from its shape: 400 for a method with parameters or a body, 404 for one
     * with a path parameter, 409 for one that changes state, 413 and 415 for one that reads a body.
     */
    static List<String> errorStatuses(ResourceMethod method)
    {
        List<Parameter> parameters = method.getInvocable().getParameters();
        boolean body = parameters.stream().anyMatch(parameter -> parameter.getSource() == Parameter.Source.ENTITY);
        boolean pathParameter = parameters.stream().anyMatch(parameter -> parameter.getSource() == Parameter.Source.PATH);
        boolean anyParameter = parameters.stream().anyMatch(parameter -> switch (parameter.getSource()) {
            case PATH, QUERY, HEADER, ENTITY -> true;
            default -> false;
        });
        List<String> statuses = new ArrayList<>();
        if (anyParameter) {
            statuses.add("400");
        }
        if (pathParameter) {
            statuses.add("404");
        }
        if (List.of("POST", "PUT", "DELETE", "PATCH").contains(method.getHttpMethod())) {
            statuses.add("409");
        }
        if (body) {
            statuses.add("413");
            statuses.add("415");
        }
        return statuses;
    }

    private static String description(int status)
    {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No content";
            default -> "Status " + status;
        };
    }

    /** A method that produces only Server-Sent Events writes them to a sink it is given, however it declares it. */
    private static boolean streams(ResourceMethod method)
    {
        return !method.getProducedTypes().isEmpty()
                && method.getProducedTypes().stream().allMatch(type -> type.isCompatible(MediaType.SERVER_SENT_EVENTS_TYPE));
    }

    private static boolean answersLater(ResourceMethod method)
    {
        return method.getInvocable().getParameters().stream()
                .anyMatch(parameter -> parameter.getSource() == Parameter.Source.SUSPENDED || parameter.getRawType() == SseEventSink.class);
    }

    private static List<MediaType> mediaTypes(List<MediaType> declared)
    {
        return declared.isEmpty() || declared.contains(MediaType.WILDCARD_TYPE) ? List.of(MediaType.APPLICATION_JSON_TYPE) : declared;
    }

    static String join(String base, String path)
    {
        String joined = base + "/" + path;
        joined = joined.replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** {@code {id: [a-z]+}} (a JAX-RS template with a pattern) becomes {@code {id}}. */
    static String template(String path)
    {
        return path.replaceAll("\\{\\s*([A-Za-z0-9_.-]+)\\s*:[^}]*}", "{$1}");
    }

    static boolean isParameterized(Type type, Class<?> raw)
    {
        return type instanceof ParameterizedType parameterized && parameterized.getRawType() == raw;
    }
}
