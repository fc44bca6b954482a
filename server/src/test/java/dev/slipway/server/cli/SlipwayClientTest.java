package dev.slipway.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SlipwayClientTest
{
    private final SlipwayClient client = new SlipwayClient(URI.create("http://127.0.0.1:8080/ci/"), Optional.of("secret"), CliContext.newHttpClient());

    @Test
    void pathSegmentsAreEncodedButBuildIdsKeepTheirColon()
    {
        assertThat(SlipwayClient.api("builds", "web:6f1c-2c7e", "logs")).isEqualTo("api/v1/builds/web:6f1c-2c7e/logs");
        assertThat(SlipwayClient.api("projects", "a b/c?d#é")).isEqualTo("api/v1/projects/a%20b%2Fc%3Fd%23%C3%A9");
        assertThat(SlipwayClient.api("builds", "..")).isEqualTo("api/v1/builds/%2E%2E");
        assertThat(SlipwayClient.api("projects", "v1.2")).isEqualTo("api/v1/projects/v1.2");
    }

    @Test
    void urisKeepTheServersPathAndOnlyTheGivenQueryParameters()
    {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("project", "web");
        query.put("status", null);
        query.put("since", "2026-11-26T13:00:00Z");
        query.put("initiator", "a b&c");

        assertThat(client.uri("api/v1/builds", query))
                .isEqualTo(URI.create("http://127.0.0.1:8080/ci/api/v1/builds?project=web&since=2026-11-26T13%3A00%3A00Z&initiator=a%20b%26c"));
        assertThat(client.uri("api/v1/projects", Map.of())).isEqualTo(URI.create("http://127.0.0.1:8080/ci/api/v1/projects"));
    }

    @Test
    void requestsCarryTheTokenAsABearerToken()
    {
        HttpRequest request = client.request(URI.create("http://127.0.0.1:8080/"), "application/json").build();

        assertThat(request.headers().firstValue("Authorization")).contains("Bearer secret");
        assertThat(new SlipwayClient(URI.create("http://127.0.0.1:8080/"), Optional.empty(), CliContext.newHttpClient())
                .request(URI.create("http://127.0.0.1:8080/"), "application/json").build().headers().firstValue("Authorization")).isEmpty();
    }

    @Test
    void theServersErrorIsKeptAsItIs()
    {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/api/v1/projects")).build();

        CliFailure failure = SlipwayClient.failure(request, 400, "{\"code\":\"INVALID_ARGUMENT\",\"message\":\"Invalid project: 2 problems\","
                + "\"details\":[\"a: wrong\",\"b: wrong\"]}");

        assertThat(failure.getMessage()).isEqualTo("Invalid project: 2 problems");
        assertThat(failure.details()).isEqualTo(List.of("a: wrong", "b: wrong"));
        assertThat(failure.exitCode()).isEqualTo(ExitCodes.ERROR);
    }

    @Test
    void anErrorThatIsNotSlipwaysNamesTheRequestAndWhatCameBack()
    {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/api/v1/projects")).build();

        CliFailure failure = SlipwayClient.failure(request, 502, "<html>\n<h1>Bad Gateway</h1>\n</html>");

        assertThat(failure.getMessage()).isEqualTo("GET http://127.0.0.1:8080/api/v1/projects answered HTTP 502: <html> "
                + "(not a Slipway error: is this the Slipway server's URL?)");
        assertThat(failure.details()).isEmpty();
        assertThat(SlipwayClient.failure(request, 503, "").getMessage()).startsWith("GET http://127.0.0.1:8080/api/v1/projects answered HTTP 503 (not");
    }
}
