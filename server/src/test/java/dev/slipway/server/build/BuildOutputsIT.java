package dev.slipway.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestResponse;

/**
 * What builds of a {@code directory} source produce, as the API reports it: the resolved revision, exported variables,
 * artifacts in the filesystem store, parsed report summaries and the cache outcome.
 */
class BuildOutputsIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = ServiceServers.builder().build();

    @TempDir
    static Path source;

    @BeforeAll
    static void sourceTree()
            throws IOException
    {
        Files.writeString(source.resolve("buildspec.yml"), """
                version: 0.2
                env:
                  exported-variables: [VERSION]
                phases:
                  build:
                    commands:
                      - export VERSION=1.2.3
                      - mkdir -p out cache-dir
                      - echo built > out/app.txt
                      - echo kept > cache-dir/data.txt
                artifacts:
                  files: ['out/**/*']
                  secondary-artifacts:
                    docs:
                      files: ['docs/*']
                reports:
                  unit:
                    files: ['junit.xml']
                    base-directory: test-results
                cache:
                  paths: ['cache-dir/**/*']
                """);
        Files.createDirectories(source.resolve("docs"));
        Files.writeString(source.resolve("docs/readme.md"), "# docs\n");
        Files.createDirectories(source.resolve("test-results"));
        Files.writeString(source.resolve("test-results/junit.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="example" tests="4" failures="1" errors="0" skipped="1">
                  <testcase classname="example.A" name="one" time="0.1"/>
                  <testcase classname="example.A" name="two" time="0.1"/>
                  <testcase classname="example.A" name="three" time="0.1"><failure message="expected 1">boom</failure></testcase>
                  <testcase classname="example.A" name="four"><skipped/></testcase>
                </testsuite>
                """);
    }

    @Test
    void aDirectoryBuildReportsItsRevisionVariablesArtifactsReportsAndCache(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        api.createProject(project("outputs"));

        JsonNode first = api.awaitEnded(api.start("outputs").path("id").asText());
        JsonNode second = api.awaitEnded(api.start("outputs").path("id").asText());

        assertThat(first.path("status").asText()).as(first.toPrettyString()).isEqualTo("SUCCEEDED");
        assertThat(first.path("resolvedSourceVersion").asText()).matches("[0-9a-f]{64}");
        assertThat(second.path("resolvedSourceVersion").asText()).isEqualTo(first.path("resolvedSourceVersion").asText());
        assertThat(first.path("exportedVariables").toString()).isEqualTo("[{\"name\":\"VERSION\",\"value\":\"1.2.3\"}]");

        JsonNode primary = first.path("artifacts").path("primary");
        assertThat(primary.path("identifier").isNull()).isTrue();
        assertThat(primary.path("name").asText()).isEqualTo("outputs.zip");
        assertThat(primary.path("location").asText()).startsWith("file:");
        assertThat(primary.path("sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(primary.path("size").asLong()).isPositive();
        JsonNode docs = first.path("artifacts").path("secondary").get(0);
        assertThat(docs.path("identifier").asText()).isEqualTo("docs");
        assertThat(docs.path("name").asText()).isEqualTo("docs.zip");

        assertThat(first.path("reports").toString()).isEqualTo("[{\"group\":\"outputs-unit\",\"type\":\"TEST\",\"format\":\"JUNITXML\",\"status\":\"FAILED\","
                + "\"total\":4,\"passed\":2,\"failed\":1,\"skipped\":1,\"lineCoverage\":null,\"branchCoverage\":null}]");

        assertThat(first.path("cache").path("hit").asBoolean()).isFalse();
        assertThat(second.path("cache").path("hit").asBoolean()).as(second.path("cache").toString()).isTrue();
        assertThat(second.path("cache").path("sizeBytes").asLong()).isPositive();
    }

    @Test
    void aDirectorySourceCannotProvideAnotherVersionAndTheBuildFailsInDownloadSource(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        api.createProject(project("versioned"));

        JsonNode ended = api.awaitEnded(api.start("versioned", "{\"sourceVersion\": \"main\"}").path("id").asText());

        assertThat(ended.path("status").asText()).isEqualTo("FAILED");
        assertThat(ended.path("sourceVersion").asText()).isEqualTo("main");
        JsonNode download = BuildApiIT.phase(ended, "DOWNLOAD_SOURCE");
        assertThat(download.path("status").asText()).isEqualTo("FAILED");
        assertThat(download.path("contexts").get(0).path("statusCode").asText()).isEqualTo("CLIENT_ERROR");
        assertThat(download.path("contexts").get(0).path("message").asText()).contains("has only its current content").contains("'main'");
    }

    @Test
    void aRetryBuildsTheRevisionTheOriginalFetched(TestHttpClient client)
    {
        BuildApi api = new BuildApi(client);
        api.createProject(project("retry-revision"));
        JsonNode original = api.awaitEnded(api.start("retry-revision").path("id").asText());

        TestResponse retry = client.post("/api/v1/builds/" + original.path("id").asText() + "/retry");
        JsonNode retried = api.awaitEnded(retry.json().path("id").asText());

        assertThat(retried.path("sourceVersion").asText()).isEqualTo(original.path("resolvedSourceVersion").asText());
        assertThat(retried.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(retried.path("resolvedSourceVersion").asText()).isEqualTo(original.path("resolvedSourceVersion").asText());
    }

    private static ObjectNode project(String name)
    {
        ObjectNode project = BuildApi.JSON.createObjectNode();
        project.put("name", name);
        ObjectNode sourceJson = project.putObject("source");
        sourceJson.put("type", "directory");
        sourceJson.putObject("config").put("path", source.toString());
        ObjectNode artifacts = project.putObject("artifacts");
        artifacts.put("store", "default");
        artifacts.putArray("secondary").addObject().put("identifier", "docs");
        project.putObject("cache").put("type", "STORE").put("store", "default");
        return project;
    }
}
