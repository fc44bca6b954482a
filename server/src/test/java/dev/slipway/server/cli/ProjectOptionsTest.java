package dev.slipway.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;

/** How the flags of {@code projects create} and {@code projects update} change a project, before anything is sent. */
class ProjectOptionsTest
{
    private static final CliContext CONTEXT = new CliContext(Map.of(), new ByteArrayInputStream(new byte[0]), new PrintStream(OutputStream.nullOutputStream()),
            new PrintStream(OutputStream.nullOutputStream()), false, Path.of("").toAbsolutePath(), Clock.systemUTC(), CliContext::newHttpClient,
            CliContext.RECONNECT_FOR, CliContext.IDLE_TIMEOUT);

    private static CreateProjectCommand parse(String... arguments)
    {
        CreateProjectCommand command = new CreateProjectCommand();
        new CommandLine(command).parseArgs(arguments);
        return command;
    }

    private static ObjectNode applied(String json, String... arguments)
    {
        ObjectNode project = (ObjectNode) Api.parse(json);
        parse(arguments).fields.applyTo(project, CONTEXT);
        return project;
    }

    @Test
    void booleanFlagsTakeAValueOnlyWhenOneFollows()
    {
        CreateProjectCommand command = parse("--privileged", "web", "--badge=false");

        assertThat(command.name).isEqualTo("web");
        assertThat(command.fields.privileged).isTrue();
        assertThat(command.fields.badge).isFalse();
    }

    @Test
    void flagsChangeOnlyTheFieldsTheyName()
    {
        ObjectNode project = applied("{\"name\": \"web\", \"description\": \"kept\", \"environment\": {\"executor\": \"local\", \"image\": \"kept\"}}",
                "--executor", "docker", "--timeout", "30");

        assertThat(project.toString()).isEqualTo("{\"name\":\"web\",\"description\":\"kept\",\"environment\":{\"executor\":\"docker\",\"image\":\"kept\"},"
                + "\"timeoutInMinutes\":30}");
        assertThat(parse("--timeout", "30").fields.changesAnything()).isTrue();
        assertThat(parse().fields.changesAnything()).isFalse();
    }

    @Test
    void variablesAreReplacedInPlaceAddedAtTheEndOrRemoved()
    {
        ObjectNode project = applied("{\"environment\": {\"variables\": [{\"name\": \"A\", \"value\": \"1\"}, {\"name\": \"B\", \"value\": \"2\"},"
                + " {\"name\": \"C\", \"value\": \"3\"}]}}", "--env", "B=two", "--env-secret", "D=id:key", "--remove-env", "A");

        assertThat(project.path("environment").path("variables").toString()).isEqualTo("[{\"name\":\"B\",\"value\":\"two\",\"type\":\"PLAINTEXT\"},"
                + "{\"name\":\"C\",\"value\":\"3\"},{\"name\":\"D\",\"value\":\"id:key\",\"type\":\"SECRETS_MANAGER\"}]");
    }

    @Test
    void aSourcePathMakesADirectorySourceAndAnotherTypeDropsTheOldSettings()
    {
        assertThat(applied("{\"source\": {\"type\": \"none\"}}", "--source-path", "/srv/web").path("source").toString())
                .isEqualTo("{\"type\":\"directory\",\"config\":{\"path\":\"/srv/web\"}}");
        assertThat(applied("{\"source\": {\"type\": \"directory\", \"config\": {\"path\": \"/a\"}}}", "--source", "git", "--source-config", "url=x")
                .path("source").toString()).isEqualTo("{\"type\":\"git\",\"config\":{\"url\":\"x\"}}");
        assertThat(applied("{\"source\": {\"type\": \"directory\", \"config\": {\"path\": \"/a\", \"other\": 1}}}", "--source-path", "/b")
                .path("source").toString()).isEqualTo("{\"type\":\"directory\",\"config\":{\"path\":\"/b\",\"other\":1}}");
    }

    @Test
    void theBuildspecIsAPathOrInlineNeverBoth()
    {
        assertThat(applied("{\"buildspec\": {\"inline\": \"version: 0.2\"}}", "--buildspec", "ci/buildspec.yml").path("buildspec").toString())
                .isEqualTo("{\"path\":\"ci/buildspec.yml\"}");
    }

    @Test
    void artifactsCacheAndLimitsHaveTheirShapes()
    {
        ObjectNode project = applied("{\"artifacts\": null, \"concurrentBuildLimit\": 2}", "--artifact-store", "default", "--cache-store", "s3",
                "--concurrent-build-limit", "none");

        assertThat(project.toString()).isEqualTo("{\"artifacts\":{\"store\":\"default\"},\"concurrentBuildLimit\":null,"
                + "\"cache\":{\"type\":\"STORE\",\"store\":\"s3\"}}");
        assertThat(applied("{}", "--no-cache").path("cache").toString()).isEqualTo("{\"type\":\"NO_CACHE\"}");
    }
}
