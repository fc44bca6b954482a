package dev.slipway.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;

/**
 * The server has no parameter or secret store yet (it comes with security): a build that needs a value fails, naming
 * the value and the variable, before any command runs. docs/buildspec.md says so; this holds it to that.
 */
class ParametersWithoutAStoreIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = ServiceServers.builder().build();

    @Test
    void aBuildspecParameterFailsDownloadSourceNamingTheParameterAndRunsNoCommand(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        ObjectNode project = BuildApi.JSON.createObjectNode();
        project.put("name", "needs-parameter");
        project.putObject("source").put("type", "none");
        project.putObject("buildspec").put("inline", """
                version: 0.2
                env:
                  parameter-store:
                    DB_PASSWORD: /prod/db/password
                phases:
                  build:
                    commands:
                      - echo the build ran
                """);
        api.createProject(project);

        JsonNode ended = api.awaitEnded(api.start("needs-parameter").path("id").asText());

        assertThat(ended.path("status").asText()).isEqualTo("FAILED");
        JsonNode download = BuildApiIT.phase(ended, "DOWNLOAD_SOURCE");
        assertThat(download.path("status").asText()).isEqualTo("FAILED");
        assertThat(download.path("contexts").toString()).isEqualTo("[{\"statusCode\":\"PARAMETER_STORE_ERROR\","
                + "\"message\":\"Parameter /prod/db/password for variable DB_PASSWORD does not exist\"}]");
        assertThat(Logs.lines(server.server(), ended.path("id").asText())).doesNotContain("the build ran");
    }

    @Test
    void aProjectSecretVariableFailsProvisioningNamingTheSecret(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        ObjectNode project = BuildApi.JSON.createObjectNode();
        project.put("name", "needs-secret");
        project.putObject("source").put("type", "none");
        project.putObject("buildspec").put("inline", BuildApi.buildspec("echo the build ran"));
        project.putObject("environment").putArray("variables").addObject()
                .put("name", "API_KEY").put("value", "prod/api:key").put("type", "SECRETS_MANAGER");
        api.createProject(project);

        JsonNode ended = api.awaitEnded(api.start("needs-secret").path("id").asText());

        assertThat(ended.path("status").asText()).isEqualTo("FAILED");
        JsonNode provisioning = BuildApiIT.phase(ended, "PROVISIONING");
        assertThat(provisioning.path("status").asText()).isEqualTo("FAILED");
        assertThat(provisioning.path("contexts").toString()).contains("\"statusCode\":\"SECRETS_MANAGER_ERROR\"")
                .contains("Secret prod/api for variable API_KEY does not exist");
        assertThat(Logs.lines(server.server(), ended.path("id").asText())).doesNotContain("the build ran");
    }
}
