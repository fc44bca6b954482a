package dev.slipway.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;

/** {@code slipway projects create|get|list|update|delete} against a real server, with every option and the errors. */
class ProjectsCommandIT
{
    @RegisterExtension
    static final SlipwayServerExtension server = ServiceServers.builder().build();

    @TempDir
    Path temp;

    private Cli cli()
    {
        return Cli.against(server.server().uri()).in(temp);
    }

    private static Api api()
    {
        return new Api(server.client());
    }

    // ---------------------------------------------------------------- create

    @Test
    void createFromFlagsSetsEveryField()
    {
        Cli.Result result = cli().run("projects", "create", "flags-all", "--description", "Front end", "--source-path", temp.toString(),
                "--buildspec", "ci/buildspec.yml", "--executor", "single", "--image", "aws/codebuild/standard:7.0", "--compute-type", "BUILD_GENERAL1_LARGE",
                "--runtime", "java:corretto17=/usr/lib/jvm/java-17", "--privileged", "--env", "STAGE=prod", "--env-parameter", "DB_PASSWORD=/prod/db/password", "--env-secret", "TOKEN=deploy-token:token",
                "--artifact-store", "default", "--cache-store", "default", "--timeout", "30", "--queued-timeout", "60", "--concurrent-build-limit", "2",
                "--badge");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("Created project flags-all (version 1).\n");
        assertThat(result.err()).isEmpty();
        JsonNode project = api().project("flags-all").json();
        assertThat(project.path("description").asText()).isEqualTo("Front end");
        assertThat(project.path("source").toString()).isEqualTo("{\"type\":\"directory\",\"config\":{\"path\":\"" + temp + "\"}}");
        assertThat(project.path("buildspec").toString()).isEqualTo("{\"path\":\"ci/buildspec.yml\",\"inline\":null}");
        assertThat(project.path("environment").toString()).isEqualTo("{\"executor\":\"single\",\"image\":\"aws/codebuild/standard:7.0\","
                + "\"computeType\":\"BUILD_GENERAL1_LARGE\",\"privilegedMode\":true,\"variables\":["
                + "{\"name\":\"STAGE\",\"value\":\"prod\",\"type\":\"PLAINTEXT\"},"
                + "{\"name\":\"DB_PASSWORD\",\"value\":\"/prod/db/password\",\"type\":\"PARAMETER_STORE\"},"
                + "{\"name\":\"TOKEN\",\"value\":\"deploy-token:token\",\"type\":\"SECRETS_MANAGER\"}],\"runtimes\":[\"java:corretto17=/usr/lib/jvm/java-17\"]}");
        assertThat(project.path("artifacts").path("store").asText()).isEqualTo("default");
        assertThat(project.path("cache").toString()).isEqualTo("{\"type\":\"STORE\",\"store\":\"default\"}");
        assertThat(project.path("timeoutInMinutes").asInt()).isEqualTo(30);
        assertThat(project.path("queuedTimeoutInMinutes").asInt()).isEqualTo(60);
        assertThat(project.path("concurrentBuildLimit").asInt()).isEqualTo(2);
        assertThat(project.path("badgeEnabled").asBoolean()).isTrue();
    }

    @Test
    void createFromAYamlFileWithFlagsOverIt()
            throws IOException
    {
        Files.writeString(temp.resolve("web.yml"), """
                name: from-yaml
                description: from the file
                source:
                  type: none
                buildspec:
                  inline: |
                    version: 0.2
                    phases:
                      build:
                        commands:
                          - echo hi
                timeoutInMinutes: 30
                environment:
                  variables:
                    - name: STAGE
                      value: test
                """);

        Cli.Result result = cli().run("projects", "create", "-f", "web.yml", "--timeout", "45", "--env", "STAGE=prod", "--env", "EXTRA=1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode project = api().project("from-yaml").json();
        assertThat(project.path("description").asText()).isEqualTo("from the file");
        assertThat(project.path("buildspec").path("inline").asText()).isEqualTo("version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n");
        assertThat(project.path("timeoutInMinutes").asInt()).as("the flag wins").isEqualTo(45);
        assertThat(project.path("environment").path("variables").toString()).as("a variable of the same name is replaced in place")
                .isEqualTo("[{\"name\":\"STAGE\",\"value\":\"prod\",\"type\":\"PLAINTEXT\"},{\"name\":\"EXTRA\",\"value\":\"1\",\"type\":\"PLAINTEXT\"}]");
    }

    @Test
    void createFromJsonOnStandardInputWithAnInlineBuildspecFile()
            throws IOException
    {
        Files.writeString(temp.resolve("buildspec.yml"), Api.buildspec("echo from the file"));

        Cli.Result result = cli().stdin("{\"name\": \"from-stdin\", \"source\": {\"type\": \"none\"}}")
                .run("projects", "create", "from-stdin", "-f", "-", "--buildspec-file", "buildspec.yml");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(api().project("from-stdin").json().path("buildspec").path("inline").asText()).isEqualTo(Api.buildspec("echo from the file"));
    }

    @Test
    void aNameOnTheCommandLineThatDiffersFromTheFilesIsAUsageError()
            throws IOException
    {
        Files.writeString(temp.resolve("p.yml"), "name: in-file\nsource: {type: none}\n");

        Cli.Result result = cli().run("projects", "create", "on-line", "-f", "p.yml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("The command line names project 'on-line', the file 'in-file': change the file's name: or leave NAME out\n")
                .contains("Usage: ");
        assertThat(api().project("on-line").status()).isEqualTo(404);
        assertThat(api().project("in-file").status()).isEqualTo(404);
    }

    @Test
    void aProjectWithoutANameIsAUsageError()
    {
        Cli.Result result = cli().run("projects", "create", "--source", "none");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("Missing the project's name: give it as NAME or as 'name:' in the file\n");
    }

    @Test
    void invalidFieldsArePrintedAsTheServersErrorWithOneLinePerField()
    {
        Cli.Result result = cli().run("projects", "create", "invalid", "--source", "none", "--buildspec-file", write("b.yml", Api.buildspec("true")),
                "--timeout", "3", "--executor", "nowhere");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.out()).isEmpty();
        List<String> lines = result.err().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("error: Invalid project: 2 problems: ");
        assertThat(lines.subList(1, 3)).containsExactlyInAnyOrder("  timeoutInMinutes: must be between 5 and 2160, was 3",
                "  environment.executor: unknown executor 'nowhere'; configured executors: [local, single, docker]");
        assertThat(api().project("invalid").status()).isEqualTo(404);
    }

    @Test
    void aTakenNameIsAnError()
    {
        api().createInlineProject("taken", "true");

        Cli.Result result = cli().run("projects", "create", "taken", "--source", "none", "--buildspec-file", write("b.yml", Api.buildspec("true")));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).startsWith("error: Project 'taken' already exists; ").doesNotContain("Exception", "\tat ");
    }

    @Test
    void aFileThatIsNotYamlIsAnErrorNamingTheLine()
    {
        write("broken.yml", "name: broken\nsource: [none\n");

        Cli.Result result = cli().run("projects", "create", "-f", "broken.yml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("error: broken.yml: line 3, column 1: not valid YAML: expected ',' or ']', but got <stream end> "
                + "(while parsing a flow sequence that starts at line 2, column 9)\n");
    }

    @Test
    void jsonThatIsNotAnObjectIsAnError()
    {
        Cli.Result result = cli().stdin("[{\"name\": \"x\"}]").run("projects", "create", "-f", "-");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("error: standard input must hold a project as a YAML mapping of its fields\n");
    }

    @Test
    void aMissingFileIsAnError()
    {
        Cli.Result result = cli().run("projects", "create", "-f", "missing.yml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("error: missing.yml does not exist\n");
    }

    @Test
    void conflictingFlagsAreUsageErrors()
    {
        assertThat(cli().run("projects", "create", "x", "--buildspec", "a.yml", "--buildspec-file", "b.yml").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli().run("projects", "create", "x", "--no-cache", "--cache-store", "default").exitCode()).isEqualTo(ExitCodes.USAGE);
        Cli.Result limit = cli().run("projects", "create", "x", "--source", "none", "--concurrent-build-limit", "many");
        assertThat(limit.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(limit.err()).startsWith("--concurrent-build-limit must be a whole number or none, was 'many'");
        assertThat(cli().run("projects", "create", "x", "--timeout", "soon").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(api().project("x").status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- get

    @Test
    void getPrintsTheProjectForPeople()
    {
        cli().run("projects", "create", "shown", "--description", "Shown here", "--source", "none", "--buildspec-file",
                write("b.yml", Api.buildspec("echo one", "echo two")), "--env", "STAGE=prod", "--env-secret", "TOKEN=deploy:token", "--timeout", "30");

        Cli.Result result = cli().run("projects", "get", "shown");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(
                "Name:               shown\n",
                "Description:        Shown here\n",
                "Source:             none\n",
                "Buildspec:          inline (6 lines)\n",
                "Executor:           local\n",
                "Image:              -\n",
                "Compute type:       BUILD_GENERAL1_SMALL\n",
                "Privileged:         no\n",
                "Variables:          STAGE=prod, TOKEN (secret deploy:token)\n",
                "Artifacts:          none\n",
                "Cache:              NO_CACHE\n",
                "Timeout:            30 min\n",
                "Queued timeout:     480 min\n",
                "Concurrent builds:  no limit\n",
                "Badge:              disabled\n",
                "Version:            1\n");
        assertThat(result.out()).containsPattern("(?m)^Created: {12}(just now|\\d+ s ago) \\(\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\\)$");
        assertThat(result.out()).doesNotContain("\033[");
    }

    @Test
    void getAsJsonPrintsExactlyTheApisJson()
    {
        api().createInlineProject("as-json", "echo hi");

        Cli.Result result = cli().run("projects", "get", "as-json", "--output", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(api().project("as-json").body() + "\n");
    }

    @Test
    void anUnknownProjectIsOneErrorLine()
    {
        Cli.Result result = cli().run("projects", "get", "ghost");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("error: Project 'ghost' does not exist; GET /api/v1/projects lists the projects\n");
    }

    @Test
    void aMissingNameIsAUsageError()
    {
        Cli.Result result = cli().run("projects", "get");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("Missing required parameter: 'NAME'");
    }

    // ---------------------------------------------------------------- list

    @Test
    void listPrintsAnAlignedTableWithBoldHeadersOnATerminal()
    {
        api().createInlineProject("list-a", "true");
        cli().run("projects", "create", "list-b-with-a-longer-name", "--source-path", temp.toString(), "--description", "second");

        Cli.Result result = cli().terminal().run("projects", "list", "--limit", "500");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).startsWith("\033[1mNAME\033[0m").contains("\033[1mSOURCE\033[0m");
        String header = lines.get(0).replaceAll("\033\\[[0-9;]*m", "");
        String a = row(lines, "list-a ");
        String b = row(lines, "list-b-with-a-longer-name ");
        assertThat(a).matches("list-a +none +inline \\(5 lines\\) +local +(just now|\\d+ s ago) +-");
        assertThat(b).matches("list-b-with-a-longer-name +directory path=" + temp + " +buildspec.yml +local +(just now|\\d+ s ago) +second");
        for (String column : List.of("SOURCE", "BUILDSPEC", "EXECUTOR", "UPDATED", "DESCRIPTION")) {
            int at = header.indexOf(column);
            assertThat(a.charAt(at - 1)).as("%s starts at the same place in every row", column).isEqualTo(' ');
            assertThat(a.charAt(at)).isNotEqualTo(' ');
            assertThat(b.charAt(at)).isNotEqualTo(' ');
        }
        assertThat(result.out()).doesNotContainPattern(" \n");
    }

    @Test
    void noColoursWithNoColorOrTheFlag()
    {
        api().createInlineProject("colourless", "true");

        assertThat(cli().terminal().variable("NO_COLOR", "1").run("projects", "list").out()).doesNotContain("\033[");
        assertThat(cli().terminal().run("projects", "list", "--no-color").out()).doesNotContain("\033[");
    }

    @Test
    void listPagesWithLimitAndCursor()
    {
        api().createInlineProject("page-1", "true");
        api().createInlineProject("page-2", "true");

        Cli.Result json = cli().run("projects", "list", "--limit", "1", "-o", "json");
        assertThat(json.out()).isEqualTo(server.client().get("/api/v1/projects?limit=1").body() + "\n");

        Cli.Result first = cli().run("projects", "list", "--limit", "1");
        String cursor = Api.parse(json.out()).path("nextCursor").asText();
        assertThat(first.err()).isEqualTo("More: repeat the command with --cursor " + cursor + "\n");
        assertThat(first.out().lines().count()).isEqualTo(2);

        Cli.Result second = cli().run("projects", "list", "--limit", "1", "--cursor", cursor, "-o", "json");
        assertThat(second.out()).isEqualTo(server.client().get("/api/v1/projects?limit=1&cursor=" + cursor).body() + "\n");
    }

    @Test
    void anUnknownOutputFormatIsAUsageError()
    {
        Cli.Result result = cli().run("projects", "list", "-o", "yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("Invalid value for option '--output': must be table or json, was 'yaml'");
    }

    // ---------------------------------------------------------------- update

    @Test
    void updateFromFlagsChangesOnlyWhatTheyName()
    {
        cli().run("projects", "create", "flagged", "--description", "kept", "--source", "none", "--buildspec-file", write("b.yml", Api.buildspec("true")),
                "--env", "A=1", "--env", "B=2", "--badge");

        Cli.Result result = cli().run("projects", "update", "flagged", "--timeout", "45", "--env", "B=3", "--env-parameter", "C=/c", "--remove-env", "A",
                "--badge=false", "--privileged", "--concurrent-build-limit", "none");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("Updated project flagged to version 2.\n");
        JsonNode project = api().project("flagged").json();
        assertThat(project.path("description").asText()).isEqualTo("kept");
        assertThat(project.path("buildspec").path("inline").asText()).isEqualTo(Api.buildspec("true"));
        assertThat(project.path("timeoutInMinutes").asInt()).isEqualTo(45);
        assertThat(project.path("badgeEnabled").asBoolean()).isFalse();
        assertThat(project.path("environment").path("privilegedMode").asBoolean()).isTrue();
        assertThat(project.path("concurrentBuildLimit").isNull()).isTrue();
        assertThat(project.path("environment").path("variables").toString()).isEqualTo(
                "[{\"name\":\"B\",\"value\":\"3\",\"type\":\"PLAINTEXT\"},{\"name\":\"C\",\"value\":\"/c\",\"type\":\"PARAMETER_STORE\"}]");
    }

    @Test
    void updateChangingTheSourceTypeDropsTheOldProvidersSettings()
    {
        cli().run("projects", "create", "moved", "--source-path", temp.toString());

        Cli.Result result = cli().run("projects", "update", "moved", "--source", "none", "--buildspec-file", write("b.yml", Api.buildspec("true")),
                "--no-cache", "--description", "no source now");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode project = api().project("moved").json();
        assertThat(project.path("source").toString()).isEqualTo("{\"type\":\"none\",\"config\":{}}");
        assertThat(project.path("cache").path("type").asText()).isEqualTo("NO_CACHE");
    }

    @Test
    void updateSetsTheSourceProvidersSettingsFromFlags()
    {
        cli().run("projects", "create", "configured", "--source", "none", "--buildspec-file", write("b.yml", Api.buildspec("true")));

        Cli.Result result = cli().run("projects", "update", "configured", "--source", "directory", "--source-config", "path=" + temp,
                "--buildspec", "buildspec.yml");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode project = api().project("configured").json();
        assertThat(project.path("source").toString()).isEqualTo("{\"type\":\"directory\",\"config\":{\"path\":\"" + temp + "\"}}");
        assertThat(project.path("buildspec").toString()).isEqualTo("{\"path\":\"buildspec.yml\",\"inline\":null}");
    }

    @Test
    void updateWithNothingToChangeIsAUsageError()
    {
        Cli.Result result = cli().run("projects", "update", "anything");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("Nothing to change: give -f FILE or a flag such as --timeout\n");
    }

    @Test
    void updateOfAnUnknownProjectIsAnError()
    {
        Cli.Result result = cli().run("projects", "update", "ghost", "--timeout", "30");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("error: Project 'ghost' does not exist; GET /api/v1/projects lists the projects\n");
    }

    @Test
    void updateWithAnInvalidFieldIsAnError()
    {
        api().createInlineProject("strict", "true");

        Cli.Result result = cli().run("projects", "update", "strict", "--queued-timeout", "500");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).endsWith("\n  queuedTimeoutInMinutes: must be between 5 and 480, was 500\n");
        assertThat(api().project("strict").json().path("version").asLong()).isEqualTo(1);
    }

    @Test
    void jsonOutputRoundTripsThroughUpdateAndCreate()
            throws IOException
    {
        cli().run("projects", "create", "round-trip", "--source-path", temp.toString(), "--env", "A=1", "--artifact-store", "default", "--timeout", "30");
        Path file = temp.resolve("round-trip.json");
        Files.writeString(file, cli().run("projects", "get", "round-trip", "-o", "json").out());

        Cli.Result updated = cli().run("projects", "update", "round-trip", "-f", file.toString(), "--description", "changed");
        assertThat(updated.exitCode()).as(updated.toString()).isZero();
        assertThat(updated.out()).isEqualTo("Updated project round-trip to version 2.\n");

        Cli.Result stale = cli().run("projects", "update", "round-trip", "-f", file.toString());
        assertThat(stale.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(stale.err()).isEqualTo("error: Project 'round-trip' was changed meanwhile: the request is based on version 1, the stored one is "
                + "version 2. Read it again and repeat the update\n");

        JsonNode before = api().project("round-trip").json();
        assertThat(cli().run("projects", "delete", "round-trip").exitCode()).isZero();
        Files.writeString(file, before.toString());
        Cli.Result created = cli().run("projects", "create", "-f", file.toString(), "-o", "json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(settings(Api.parse(created.out()))).isEqualTo(settings(before));
    }

    // ---------------------------------------------------------------- delete

    @Test
    void deleteRemovesTheProjectAndASecondDeleteIsAnError()
    {
        api().createInlineProject("doomed", "true");

        Cli.Result result = cli().run("projects", "delete", "doomed");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Deleted project doomed.\n");
        assertThat(api().project("doomed").status()).isEqualTo(404);
        Cli.Result again = cli().run("projects", "delete", "doomed");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(again.err()).isEqualTo("error: Project 'doomed' does not exist; GET /api/v1/projects lists the projects\n");
    }

    @Test
    void deleteIsRefusedWhileABuildRuns()
    {
        Path go = temp.resolve("go");
        api().createInlineProject("busy", "while [ ! -e '" + go + "' ]; do sleep 0.05; done");
        String build = api().start("busy");

        Cli.Result result = cli().run("projects", "delete", "busy");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).startsWith("error: Project 'busy' has 1 queued or running build [" + build + "]; stop it")
                .endsWith("\n  build " + build + " has not ended\n");
        assertThat(api().project("busy").status()).isEqualTo(200);
        write("go", "");
        api().awaitEnded(build);
    }

    // ---------------------------------------------------------------- the server, the token, the group

    @Test
    void anUnreachableServerExits3NamingItsUrl()
    {
        int port = ConnectionProxy.closedPort();

        Cli.Result result = cli().run("projects", "list", "--server", "http://127.0.0.1:" + port);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).isEqualTo("error: cannot reach the Slipway server at http://127.0.0.1:" + port + "/ (connection refused); "
                + "--server or SLIPWAY_SERVER names the server\n");
    }

    @Test
    void theServerComesFromTheFlagOrTheEnvironmentAndMayEndInApiV1()
    {
        api().createInlineProject("found", "true");
        String url = server.server().uri().toString();

        assertThat(Cli.withoutServer().variable("SLIPWAY_SERVER", url).run("projects", "get", "found").exitCode()).isZero();
        assertThat(Cli.withoutServer().run("projects", "get", "found", "--server", url + "api/v1/").exitCode()).isZero();
        assertThat(Cli.withoutServer().variable("SLIPWAY_SERVER", "http://127.0.0.1:" + ConnectionProxy.closedPort())
                .run("projects", "get", "found", "--server", url).exitCode()).as("the flag wins").isZero();
    }

    @Test
    void aServerThatIsNotAnHttpUrlIsAUsageError()
    {
        Cli.Result flag = cli().run("projects", "list", "--server", "ftp://example.com");
        assertThat(flag.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(flag.err()).startsWith("--server must be an http or https URL such as http://127.0.0.1:8080, was 'ftp://example.com'");

        Cli.Result variable = Cli.withoutServer().variable("SLIPWAY_SERVER", "localhost:8080").run("projects", "list");
        assertThat(variable.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(variable.err()).startsWith("SLIPWAY_SERVER must be an http or https URL such as http://127.0.0.1:8080, was 'localhost:8080'");
    }

    @Test
    void theTokenIsSentAsABearerTokenFromTheFlagOrTheEnvironment()
    {
        try (ConnectionProxy proxy = ConnectionProxy.to(server.server().uri())) {
            assertThat(Cli.against(proxy.uri()).run("projects", "list", "--token", "from-the-flag").exitCode()).isZero();
            assertThat(Cli.against(proxy.uri()).variable("SLIPWAY_TOKEN", "from-the-variable").run("projects", "list").exitCode()).isZero();
            assertThat(Cli.against(proxy.uri()).run("projects", "list").exitCode()).isZero();

            assertThat(proxy.sent()).contains("\r\nAuthorization: Bearer from-the-flag\r\n", "\r\nAuthorization: Bearer from-the-variable\r\n");
            assertThat(proxy.sent().split("Authorization: ", -1)).as("the third request has no token").hasSize(3);
        }
    }

    @Test
    void aServerThatIsNotSlipwayIsAnErrorNamingTheRequest()
    {
        Cli.Result result = cli().run("projects", "list", "--server", server.server().uri() + "no-such-prefix");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        // The server answers unknown paths with the console's page.
        assertThat(result.err()).isEqualTo("error: GET " + server.server().uri() + "no-such-prefix/api/v1/projects answered with text/html, not JSON: "
                + "is this the Slipway server's URL?\n");
    }

    @Test
    void theGroupWithoutASubcommandPrintsItsUsage()
    {
        Cli.Result result = cli().run("projects");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Usage: projects", "create", "get", "list", "update", "delete", "Exit status:");
    }

    @Test
    void helpIsNotAnError()
    {
        Cli.Result result = cli().run("projects", "update", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: projects update", "--file=FILE", "--env=NAME=VALUE", "--server=URL", "--output=FORMAT");
    }

    // ---------------------------------------------------------------- helpers

    private String write(String name, String text)
    {
        try {
            return Files.writeString(temp.resolve(name), text).toString();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the line that starts with the text */
    private static String row(List<String> lines, String start)
    {
        return lines.stream().filter(line -> line.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("No row starts with '" + start + "' in\n" + String.join("\n", lines)));
    }

    /** @return the project without what the server sets */
    private static JsonNode settings(JsonNode project)
    {
        ObjectNode copy = project.deepCopy();
        copy.remove(new ArrayList<>(List.of("createdAt", "updatedAt", "version")));
        return copy;
    }
}
