package dev.slipway.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.server.testing.TestResponse;

/** A project's {@code environment.runtimes}: its own toolchains for {@code runtime-versions}, validated when it is saved. */
class ProjectRuntimesIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = ServiceServers.builder().build();

    @TempDir
    Path temp;

    @Test
    void aBuildCanChooseAToolchainOfItsProject(TestHttpClient client)
            throws IOException
    {
        Path home = Files.createDirectories(temp.resolve("jdk-fake/bin"));
        Path tool = home.resolve("fakejava");
        Files.writeString(tool, "#!/bin/sh\necho \"fake java runs\"\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        ObjectNode project = BuildApi.JSON.createObjectNode();
        project.put("name", "runtimes");
        project.putObject("source").put("type", "none");
        project.putObject("buildspec").put("inline", """
                version: 0.2
                phases:
                  install:
                    runtime-versions:
                      java: fake99
                  build:
                    commands:
                      - echo "home $JAVA_HOME"
                      - fakejava
                """);
        project.putObject("environment").putArray("runtimes").add("java:fake99=" + temp.resolve("jdk-fake"));
        BuildApi api = new BuildApi(client);
        JsonNode created = api.createProject(project);
        assertThat(created.path("environment").path("runtimes").get(0).asText()).isEqualTo("java:fake99=" + temp.resolve("jdk-fake"));

        JsonNode build = api.awaitEnded(api.start("runtimes").path("id").asText());

        assertThat(build.path("status").asText()).as(build.toString()).isEqualTo("SUCCEEDED");
        assertThat(Logs.lines(server.server(), build.path("id").asText())).contains("home " + temp.resolve("jdk-fake"), "fake java runs")
                .anyMatch(line -> line.endsWith("Selected runtime java fake99"));
    }

    @Test
    void malformedRelativeAndDuplicateEntriesAreRefused(TestHttpClient client)
    {
        TestResponse response = client.postJson("/api/v1/projects", """
                {"name": "bad-runtimes", "source": {"type": "none"}, "buildspec": {"inline": "version: 0.2\\nphases: {build: {commands: [true]}}"},
                 "environment": {"runtimes": ["java", "Java:17=/opt/jdk", "python:3.12=opt/python", "nodejs:20=/opt/node", "nodejs:20=/opt/node2"]}}
                """);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("details")).extracting(JsonNode::asText).containsExactly(
                "environment.runtimes[0]: 'java' is not a toolchain entry; write 'runtime:version=/path/to/home' (runtime: lower-case letters, digits "
                        + "and '-'), e.g. 'java:corretto17=/usr/lib/jvm/java-17-openjdk-amd64'",
                "environment.runtimes[1]: 'Java:17=/opt/jdk' is not a toolchain entry; write 'runtime:version=/path/to/home' (runtime: lower-case "
                        + "letters, digits and '-'), e.g. 'java:corretto17=/usr/lib/jvm/java-17-openjdk-amd64'",
                "environment.runtimes[2]: 'opt/python' in 'python:3.12=opt/python' is not an absolute path; write the full path, e.g. /usr/lib/jvm/…",
                "environment.runtimes[4]: nodejs:20 is given twice");
    }
}
