package dev.slipway.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
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
