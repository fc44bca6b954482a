package dev.slipway.server.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestResponse;

/** {@code /api/v1/projects}: every endpoint and its errors, on a real server. */
class ProjectApiIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = ServiceServers.builder().build();

    private static final String INLINE = "{\"inline\": \"version: 0.2\\nphases:\\n  build:\\n    commands:\\n      - echo hi\\n\"}";

    @TempDir
    Path temp;

    @Test
    void createFillsInTheDefaultsAndAnswers201WithTheLocation(TestHttpClient client)
    {
        TestResponse response = client.postJson("/api/v1/projects", "{\"name\": \"defaults\", \"source\": {\"type\": \"none\"}, \"buildspec\": " + INLINE + "}");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/api/v1/projects/defaults"));
        JsonNode project = response.json();
        assertThat(project.path("name").asText()).isEqualTo("defaults");
        assertThat(project.path("description").asText()).isEmpty();
        assertThat(project.path("source").toString()).isEqualTo("{\"type\":\"none\",\"config\":{}}");
        assertThat(project.path("environment").toString())
                .isEqualTo("{\"executor\":\"local\",\"image\":null,\"computeType\":\"BUILD_GENERAL1_SMALL\",\"privilegedMode\":false,\"variables\":[],\"runtimes\":[]}");
        assertThat(project.path("artifacts").isNull()).isTrue();
        assertThat(project.path("cache").toString()).isEqualTo("{\"type\":\"NO_CACHE\",\"store\":null}");
        assertThat(project.path("timeoutInMinutes").asInt()).isEqualTo(60);
        assertThat(project.path("queuedTimeoutInMinutes").asInt()).isEqualTo(480);
        assertThat(project.path("concurrentBuildLimit").isNull()).isTrue();
        assertThat(project.path("serviceRole").isNull()).isTrue();
        assertThat(project.path("badgeEnabled").asBoolean()).isFalse();
        assertThat(project.path("version").asLong()).isEqualTo(1);
        assertThat(project.path("createdAt").asText()).isEqualTo(project.path("updatedAt").asText()).isNotEmpty();
        assertThat(client.get("/api/v1/projects/defaults").json()).isEqualTo(project);
    }

    @Test
    void createKeepsEverySettingItIsGiven(TestHttpClient client)
    {
        String body = """
                {"name": "full_settings-1", "description": "Front end",
                 "source": {"type": "directory", "config": {"path": "%s"}},
                 "buildspec": {"path": "ci/buildspec.yml"},
                 "environment": {"executor": "single", "image": "aws/codebuild/standard:7.0", "computeType": "BUILD_GENERAL1_LARGE", "privilegedMode": true,
                   "variables": [{"name": "STAGE", "value": "prod"}, {"name": "DB_PASSWORD", "value": "/prod/db/password", "type": "PARAMETER_STORE"},
                                 {"name": "TOKEN", "value": "deploy-token:token", "type": "SECRETS_MANAGER"}]},
                 "artifacts": {"store": "default", "packaging": "NONE", "overrideArtifactName": true, "secondary": [{"identifier": "docs"}]},
                 "cache": {"type": "STORE", "store": "default"},
                 "timeoutInMinutes": 2160, "queuedTimeoutInMinutes": 5, "concurrentBuildLimit": 3, "serviceRole": "builder", "badgeEnabled": true}
                """.formatted(temp.toString());

        TestResponse response = client.postJson("/api/v1/projects", body);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode project = response.json();
        assertThat(project.path("source").path("config").path("path").asText()).isEqualTo(temp.toString());
        assertThat(project.path("buildspec").toString()).isEqualTo("{\"path\":\"ci/buildspec.yml\",\"inline\":null}");
        assertThat(project.path("environment").path("variables").toString()).isEqualTo("[{\"name\":\"STAGE\",\"value\":\"prod\",\"type\":\"PLAINTEXT\"},"
                + "{\"name\":\"DB_PASSWORD\",\"value\":\"/prod/db/password\",\"type\":\"PARAMETER_STORE\"},"
                + "{\"name\":\"TOKEN\",\"value\":\"deploy-token:token\",\"type\":\"SECRETS_MANAGER\"}]");
        assertThat(project.path("artifacts").toString())
                .isEqualTo("{\"store\":\"default\",\"packaging\":\"NONE\",\"overrideArtifactName\":true,\"secondary\":[{\"identifier\":\"docs\",\"packaging\":\"ZIP\"}]}");
        assertThat(project.path("cache").toString()).isEqualTo("{\"type\":\"STORE\",\"store\":\"default\"}");
        assertThat(project.path("concurrentBuildLimit").asInt()).isEqualTo(3);
        assertThat(project.path("serviceRole").asText()).isEqualTo("builder");
        assertThat(project.path("badgeEnabled").asBoolean()).isTrue();
    }

    @Test
    void computeTypeIsOneOfCodeBuildsGeneralTypesAndLambdaIsRefusedAsUnsupported(TestHttpClient client)
    {
        String body = """
                {"name": "%s", "source": {"type": "none"}, "buildspec": {"inline": "version: 0.2\\nphases: {build: {commands: [true]}}"},
                 "environment": {"computeType": "%s"}}
                """;

        TestResponse foo = client.postJson("/api/v1/projects", body.formatted("foo", "FOO"));
        TestResponse lambda = client.postJson("/api/v1/projects", body.formatted("lambda", "BUILD_LAMBDA_1GB"));
        TestResponse large = client.postJson("/api/v1/projects", body.formatted("large", "BUILD_GENERAL1_2XLARGE"));

        assertThat(foo.status()).as(foo.body()).isEqualTo(400);
        assertThat(foo.json().path("details")).extracting(JsonNode::asText).containsExactly("environment.computeType: must be one of [BUILD_GENERAL1_SMALL, "
                + "BUILD_GENERAL1_MEDIUM, BUILD_GENERAL1_LARGE, BUILD_GENERAL1_XLARGE, BUILD_GENERAL1_2XLARGE], was 'FOO'");
        assertThat(lambda.status()).as(lambda.body()).isEqualTo(400);
        assertThat(lambda.json().path("details").get(0).asText()).startsWith("environment.computeType: Lambda compute types are not supported by Slipway")
                .endsWith("was 'BUILD_LAMBDA_1GB'");
        assertThat(large.status()).as(large.body()).isEqualTo(201);
        assertThat(large.json().path("environment").path("computeType").asText()).isEqualTo("BUILD_GENERAL1_2XLARGE");
    }

    @Test
    void invalidFieldsAreA400WithOneDetailPerField(TestHttpClient client)
    {
        String body = """
                {"name": "x", "description": "%s",
                 "source": {"type": "git", "config": {}},
                 "environment": {"executor": "nope", "computeType": "tiny",
                   "variables": [{"name": "1BAD", "value": "v"}, {"name": "CODEBUILD_X", "value": "v"}, {"name": "OK"}, {"name": "T", "value": "v", "type": "VAULT"}]},
                 "artifacts": {"store": "s3", "packaging": "TAR", "secondary": [{"identifier": "a-b"}, {"identifier": "x"}, {"identifier": "x"}]},
                 "cache": {"type": "STORE"},
                 "timeoutInMinutes": 3, "queuedTimeoutInMinutes": 481, "concurrentBuildLimit": 0}
                """.formatted("d".repeat(256));

        TestResponse response = client.postJson("/api/v1/projects", body);

        assertThat(response.status()).isEqualTo(400);
        JsonNode error = response.json();
        assertThat(error.path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.path("message").asText()).startsWith("Invalid project: 17 problems: name: must be 2 to 255 letters");
        assertThat(error.path("details")).extracting(JsonNode::asText).containsExactly(
                "name: must be 2 to 255 letters, digits, '-' and '_', starting with a letter or digit, was 'x'",
                "description: must be at most 255 characters, was 256",
                "source.type: no source provider 'git' is installed; available: [none, directory]",
                "environment.executor: unknown executor 'nope'; configured executors: [local, single, docker]",
                "environment.computeType: must be one of [BUILD_GENERAL1_SMALL, BUILD_GENERAL1_MEDIUM, BUILD_GENERAL1_LARGE, BUILD_GENERAL1_XLARGE, "
                        + "BUILD_GENERAL1_2XLARGE], was 'tiny'",
                "environment.variables[0].name: must be a variable name (letters, digits and '_', not starting with a digit), was '1BAD'",
                "environment.variables[1].name: names starting with CODEBUILD_ are reserved for the variables Slipway sets, was 'CODEBUILD_X'",
                "environment.variables[2].value: is required",
                "environment.variables[3].type: must be one of [PLAINTEXT, PARAMETER_STORE, SECRETS_MANAGER], was 'VAULT'",
                "artifacts.store: unknown artifact store 's3'; configured artifact stores: [default]",
                "artifacts.packaging: must be one of [ZIP, NONE], was 'TAR'",
                "artifacts.secondary[0].identifier: must be 1 to 128 letters, digits and '_', was 'a-b'",
                "artifacts.secondary[2].identifier: 'x' is given more than once",
                "cache.store: is required; configured artifact stores: [default]",
                "timeoutInMinutes: must be between 5 and 2160, was 3",
                "queuedTimeoutInMinutes: must be between 5 and 480, was 481",
                "concurrentBuildLimit: must be between 1 and 10000 (or null for no limit), was 0");
    }

    @Test
    void sourceNoneNeedsAnInlineBuildspecAndInlineYamlErrorsNameLineAndColumn(TestHttpClient client)
    {
        TestResponse noBuildspec = client.postJson("/api/v1/projects", "{\"name\": \"nobuildspec\", \"source\": {\"type\": \"none\"}}");
        TestResponse badYaml = client.postJson("/api/v1/projects", "{\"name\": \"badyaml\", \"source\": {\"type\": \"none\"}, "
                + "\"buildspec\": {\"inline\": \"version: 0.2\\nphases:\\n  build:\\n    commands: [echo\\n\"}}");
        TestResponse both = client.postJson("/api/v1/projects", "{\"name\": \"both\", \"source\": {\"type\": \"none\"}, "
                + "\"buildspec\": {\"path\": \"buildspec.yml\", \"inline\": \"version: 0.2\"}}");
        TestResponse escape = client.postJson("/api/v1/projects", "{\"name\": \"escape\", \"source\": {\"type\": \"directory\", \"config\": {\"path\": \"/srv\"}}, "
                + "\"buildspec\": {\"path\": \"../outside.yml\"}}");

        assertThat(noBuildspec.status()).isEqualTo(400);
        assertThat(noBuildspec.json().path("details").get(0).asText()).isEqualTo("buildspec.inline: is required when source.type is 'none' "
                + "(there is no source to read a buildspec file from)");
        assertThat(badYaml.status()).isEqualTo(400);
        assertThat(badYaml.json().path("details").get(0).asText()).matches("buildspec\\.inline: line \\d+, column \\d+: .+");
        assertThat(both.json().path("details").get(0).asText()).isEqualTo("buildspec: give either path or inline, not both");
        assertThat(escape.json().path("details").get(0).asText()).isEqualTo("buildspec.path: must be a path inside the source, such as buildspec.yml "
                + "or ci/buildspec.yml, was '../outside.yml'");
    }

    @Test
    void theSourceProviderChecksItsConfiguration(TestHttpClient client)
    {
        TestResponse relative = client.postJson("/api/v1/projects", "{\"name\": \"relative\", \"source\": {\"type\": \"directory\", \"config\": {\"path\": \"src\"}}}");
        TestResponse missing = client.postJson("/api/v1/projects", "{\"name\": \"missing\", \"source\": {\"type\": \"directory\"}}");
        TestResponse extra = client.postJson("/api/v1/projects", "{\"name\": \"extra\", \"source\": {\"type\": \"none\", \"config\": {\"path\": \"/x\"}}, "
                + "\"buildspec\": " + INLINE + "}");

        assertThat(relative.json().path("details").get(0).asText()).isEqualTo("source.config.path: must be an absolute path such as /srv/src/web, was 'src'");
        assertThat(missing.json().path("details").get(0).asText()).startsWith("source.config.path: ").contains("required");
        assertThat(extra.json().path("details").get(0).asText()).isEqualTo("source.config: must be empty for source type 'none', was [path]");
    }

    @Test
    void malformedOrUnknownJsonIsA400NamingWhere(TestHttpClient client)
    {
        TestResponse malformed = client.postJson("/api/v1/projects", "{\"name\": \"x\",\n \"source\": }");
        TestResponse unknown = client.postJson("/api/v1/projects", "{\"name\": \"unknown\", \"sorce\": {}}");
        TestResponse wrongType = client.postJson("/api/v1/projects", "{\"name\": \"wrongtype\", \"timeoutInMinutes\": \"soon\"}");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("message").asText()).contains("line 2");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("message").asText()).contains("unknown field 'sorce'");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("message").asText()).contains("timeoutInMinutes");
    }

    @Test
    void aTakenNameIs409(TestHttpClient client)
    {
        String body = "{\"name\": \"taken\", \"source\": {\"type\": \"none\"}, \"buildspec\": " + INLINE + "}";
        assertThat(client.postJson("/api/v1/projects", body).status()).isEqualTo(201);

        TestResponse again = client.postJson("/api/v1/projects", body);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asText()).isEqualTo("ALREADY_EXISTS");
        assertThat(again.json().path("message").asText()).isEqualTo("Project 'taken' already exists; choose another name or update it with "
                + "PUT /api/v1/projects/taken");
    }

    @Test
    void anUnknownProjectIs404ForEveryMethod(TestHttpClient client)
    {
        String body = "{\"source\": {\"type\": \"none\"}, \"buildspec\": " + INLINE + "}";
        for (TestResponse response : new TestResponse[] {client.get("/api/v1/projects/ghost"), client.send("PUT", "/api/v1/projects/ghost",
                "application/json", body), client.delete("/api/v1/projects/ghost")}) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().path("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(response.json().path("message").asText()).isEqualTo("Project 'ghost' does not exist; GET /api/v1/projects lists the projects");
        }
    }

    @Test
    void updateReplacesTheSettingsAndChecksTheVersion(TestHttpClient client)
    {
        client.postJson("/api/v1/projects", "{\"name\": \"updated\", \"description\": \"old\", \"source\": {\"type\": \"none\"}, \"buildspec\": " + INLINE
                + ", \"concurrentBuildLimit\": 2}");

        TestResponse update = client.send("PUT", "/api/v1/projects/updated", "application/json",
                "{\"description\": \"new\", \"source\": {\"type\": \"none\"}, \"buildspec\": " + INLINE + ", \"version\": 1}");
        TestResponse stale = client.send("PUT", "/api/v1/projects/updated", "application/json",
                "{\"description\": \"stale\", \"source\": {\"type\": \"none\"}, \"buildspec\": " + INLINE + ", \"version\": 1}");
        TestResponse rename = client.send("PUT", "/api/v1/projects/updated", "application/json",
                "{\"name\": \"renamed\", \"source\": {\"type\": \"none\"}, \"buildspec\": " + INLINE + "}");
        TestResponse invalid = client.send("PUT", "/api/v1/projects/updated", "application/json",
                "{\"source\": {\"type\": \"none\"}, \"buildspec\": " + INLINE + ", \"timeoutInMinutes\": 1}");

        assertThat(update.status()).as(update.body()).isEqualTo(200);
        JsonNode project = update.json();
        assertThat(project.path("description").asText()).isEqualTo("new");
        assertThat(project.path("concurrentBuildLimit").isNull()).as("a full update: what is left out is back to its default").isTrue();
        assertThat(project.path("version").asLong()).isEqualTo(2);
        assertThat(project.path("updatedAt").asText()).isNotEqualTo(project.path("createdAt").asText());
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("message").asText()).isEqualTo("Project 'updated' was changed meanwhile: the request is based on version 1, "
                + "the stored one is version 2. Read it again and repeat the update");
        assertThat(rename.status()).isEqualTo(400);
        assertThat(rename.json().path("details").get(0).asText()).isEqualTo("name: a project cannot be renamed; it is 'updated', the request says 'renamed'");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(client.get("/api/v1/projects/updated").json().path("description").asText()).isEqualTo("new");
    }

    @Test
    void listIsByNameAPageAtATime(TestHttpClient client)
    {
        for (String name : new String[] {"page-c", "page-a", "page-b"}) {
            client.postJson("/api/v1/projects", "{\"name\": \"" + name + "\", \"source\": {\"type\": \"none\"}, \"buildspec\": " + INLINE + "}");
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = client.get("/api/v1/projects?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("projects").forEach(project -> names.add(project.path("name").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        }
        while (cursor != null);

        assertThat(names).isSorted().contains("page-a", "page-b", "page-c").doesNotHaveDuplicates();
        assertThat(pages).isGreaterThan(1);
        assertThat(client.get("/api/v1/projects?limit=0").json().path("details").get(0).asText()).isEqualTo("limit: must be a whole number from 1 to 500, was '0'");
        assertThat(client.get("/api/v1/projects?limit=ten").json().path("details").get(0).asText())
                .isEqualTo("limit: must be a whole number from 1 to 500, was 'ten'");
        assertThat(client.get("/api/v1/projects?cursor=%25%25").status()).isEqualTo(400);
    }

    @Test
    void deleteRemovesTheProject(TestHttpClient client)
    {
        client.postJson("/api/v1/projects", "{\"name\": \"deleted\", \"source\": {\"type\": \"none\"}, \"buildspec\": " + INLINE + "}");

        TestResponse delete = client.delete("/api/v1/projects/deleted");

        assertThat(delete.status()).isEqualTo(204);
        assertThat(client.get("/api/v1/projects/deleted").status()).isEqualTo(404);
    }
}
