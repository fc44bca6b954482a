package dev.slipway.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;

import dev.slipway.server.buildspec.BuildspecSchema;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestResponse;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * {@code /api/v1/openapi.json} must describe every endpoint. The expected endpoints are found independently of Jersey:
 * by reflection over the resource classes that the modules register, so an endpoint the document forgets fails here.
 */
class OpenApiIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = SlipwayServerExtension.builder().module(new ProbeResource.Module()).build();

    @Test
    void documentsEveryRegisteredEndpoint(TestHttpClient client)
    {
        JsonNode paths = document(client).path("paths");
        List<String> documented = new ArrayList<>();
        for (Iterator<String> names = paths.fieldNames(); names.hasNext(); ) {
            String path = names.next();
            paths.path(path).fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path));
        }

        assertThat(documented).containsExactlyInAnyOrderElementsOf(declaredEndpoints());
        assertThat(documented).contains("GET /api/v1/health", "GET /api/v1/plugins", "POST /api/v1/plugins/{id}/stop", "POST /api/v1/plugins/{id}/start",
                "POST /api/v1/plugins/{id}/load", "DELETE /api/v1/plugins/{id}", "GET /api/v1/openapi.json", "GET /api/v1/probe/fail/{how}");
    }

    @Test
    void describesParametersBodiesAndResponseSchemas(TestHttpClient client)
    {
        JsonNode document = document(client);

        assertThat(document.path("openapi").asText()).isEqualTo("3.0.3");
        assertThat(document.path("info").path("title").asText()).isEqualTo("Slipway API");
        JsonNode fail = document.at("/paths/~1api~1v1~1probe~1fail~1{how}/get");
        assertThat(fail.path("parameters").toString())
                .isEqualTo("[{\"name\":\"how\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"string\"}},"
                        + "{\"name\":\"detail\",\"in\":\"query\",\"required\":false,\"schema\":{\"type\":\"string\"}}]");
        assertThat(fail.path("responses").path("default").path("$ref").asText()).isEqualTo("#/components/responses/Error");

        JsonNode echo = document.at("/paths/~1api~1v1~1probe~1echo/post");
        assertThat(echo.at("/requestBody/content/application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/EchoJson");
        assertThat(document.at("/components/schemas/EchoJson").toString())
                .isEqualTo("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"count\":{\"type\":\"integer\",\"format\":\"int32\"}},"
                        + "\"required\":[\"name\",\"count\"]}");

        JsonNode health = document.at("/components/schemas/HealthJson/properties");
        assertThat(health.path("startedAt").toString()).isEqualTo("{\"type\":\"string\",\"format\":\"date-time\"}");
        assertThat(health.path("plugins").path("$ref").asText()).isEqualTo("#/components/schemas/PluginCounts");
        assertThat(document.at("/components/schemas/ValuesJson/properties/absent").toString()).isEqualTo("{\"type\":\"string\",\"nullable\":true}");
        assertThat(document.at("/components/schemas/PluginJson/properties/extensions/items/$ref").asText()).isEqualTo("#/components/schemas/ExtensionJson");
        assertThat(document.at("/components/schemas/ErrorJson/required").toString()).isEqualTo("[\"code\",\"message\",\"details\"]");
    }

    @Test
    void servesTheBuildspecSchemaAndDocumentsIt(TestHttpClient client)
    {
        TestResponse response = client.get("/api/v1/buildspec/schema.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).contains("application/schema+json");
        assertThat(response.body()).isEqualTo(new BuildspecSchema().json());
        assertThat(response.json().path("$schema").asText()).contains("draft-07");
        assertThat(client.send(client.request("/api/v1/buildspec/schema.json").header("Accept", "application/json").GET().build()).status())
                .isEqualTo(200);
        JsonNode operation = document(client).at("/paths/~1api~1v1~1buildspec~1schema.json/get");
        assertThat(operation.at("/responses/200/content").has("application/schema+json")).isTrue();
    }

    @Test
    void statusesBodiesAndSchemasFollowTheResourceMethods(TestHttpClient client)
    {
        JsonNode document = document(client);
        List<String> problems = new ArrayList<>();
        Set<Class<?>> resources = server.server().instance(Key.get(new TypeLiteral<Set<Class<?>>>() {}, ApiResources.Registered.class));
        for (Class<?> resource : resources) {
            String base = "/api/" + resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                String httpMethod = httpMethod(method);
                if (httpMethod == null) {
                    continue;
                }
                Path path = method.getAnnotation(Path.class);
                String full = (path == null ? base : base + "/" + path.value()).replaceAll("/+", "/").replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
                String where = httpMethod + " " + full;
                JsonNode operation = document.path("paths").path(full).path(httpMethod.toLowerCase(Locale.ROOT));
                check(where, method, operation, problems);
            }
        }
        document.path("components").path("schemas").fieldNames().forEachRemaining(name -> {
            if (!name.matches("[A-Za-z0-9]+")) {
                problems.add("schema name " + name + " is not a plain name");
            }
        });

        assertThat(problems).isEmpty();
        assertThat(document.at("/paths/~1api~1v1~1events/get/responses/200/content").has("text/event-stream")).isTrue();
        assertThat(document.at("/paths/~1api~1v1~1probe~1echo/post/responses").has("413")).isTrue();
    }

    private static void check(String where, Method method, JsonNode operation, List<String> problems)
    {
        Answers answers = method.getAnnotation(Answers.class);
        if (method.getReturnType() == Response.class && answers == null) {
            problems.add(where + " returns a Response but has no @Answers");
            return;
        }
        List<String> expected = new ArrayList<>();
        Class<?> body;
        if (answers != null) {
            expected.add(Integer.toString(answers.status()));
            for (int status : answers.alsoWith()) {
                expected.add(Integer.toString(status));
            }
            body = answers.body();
        }
        else if (method.getReturnType() == void.class) {
            boolean streams = Arrays.stream(method.getParameters()).anyMatch(parameter -> parameter.isAnnotationPresent(Suspended.class)
                    || parameter.getType() == SseEventSink.class);
            expected.add(streams ? "200" : "204");
            body = Void.class;
        }
        else {
            expected.add("200");
            body = method.getReturnType();
        }
        List<String> documented = new ArrayList<>();
        operation.path("responses").fieldNames().forEachRemaining(status -> {
            if (status.startsWith("2")) {
                documented.add(status);
            }
        });
        if (!documented.equals(expected)) {
            problems.add(where + " documents success statuses " + documented + ", expected " + expected);
        }
        for (String status : expected) {
            JsonNode content = operation.path("responses").path(status).path("content");
            if (body.isRecord()) {
                String reference = content.path("application/json").path("schema").path("$ref").asText();
                if (!reference.endsWith(body.getSimpleName())) {
                    problems.add(where + " " + status + " has schema '" + reference + "', expected " + body.getSimpleName());
                }
            }
            else if (body == Void.class && status.equals("204") && !content.isMissingNode()) {
                problems.add(where + " 204 has content");
            }
        }
        boolean readsBody = Arrays.stream(method.getParameters()).anyMatch(parameter -> Arrays.stream(parameter.getAnnotations()).noneMatch(annotation ->
                annotation.annotationType().getPackageName().startsWith("jakarta.ws.rs")));
        if (readsBody) {
            boolean required = answers == null || answers.requestBodyRequired();
            if (operation.path("requestBody").path("required").asBoolean() != required) {
                problems.add(where + " requestBody.required should be " + required);
            }
            for (String status : List.of("400", "413", "415")) {
                if (!operation.path("responses").path(status).path("$ref").asText().equals("#/components/responses/Error")) {
                    problems.add(where + " reads a body but does not document " + status);
                }
            }
        }
        else if (operation.has("requestBody")) {
            problems.add(where + " documents a request body it does not read");
        }
    }

    @Test
    void isTheSameDocumentOnEveryRequest(TestHttpClient client)
    {
        assertThat(client.get("/api/v1/openapi.json").body()).isEqualTo(client.get("/api/v1/openapi.json").body());
    }

    private static JsonNode document(TestHttpClient client)
    {
        TestResponse response = client.get("/api/v1/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    /** "METHOD /api/path" for every resource method of every registered resource class. */
    private static List<String> declaredEndpoints()
    {
        Set<Class<?>> resources = server.server().instance(Key.get(new TypeLiteral<Set<Class<?>>>() {}, ApiResources.Registered.class));
        List<String> endpoints = new ArrayList<>();
        for (Class<?> resource : resources) {
            String base = "/api/" + resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                String httpMethod = httpMethod(method);
                if (httpMethod == null) {
                    continue;
                }
                Path path = method.getAnnotation(Path.class);
                String full = path == null ? base : base + "/" + path.value();
                endpoints.add(httpMethod + " " + full.replaceAll("/+", "/").replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}"));
            }
        }
        return endpoints;
    }

    private static String httpMethod(Method method)
    {
        for (var annotation : method.getAnnotations()) {
            HttpMethod httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (httpMethod != null) {
                return httpMethod.value();
            }
        }
        return null;
    }
}
