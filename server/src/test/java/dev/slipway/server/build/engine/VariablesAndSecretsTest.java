package dev.slipway.server.build.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.executor.CommandResult;
import dev.slipway.api.executor.ShellOptions;
import dev.slipway.server.secret.SecretReference;
import dev.slipway.server.secret.SecretResolver;
import dev.slipway.server.secret.SecretScope;

import static dev.slipway.server.build.engine.Specs.buildspec;
import static dev.slipway.server.buildspec.Buildspec.PhaseName.BUILD;
import static dev.slipway.server.buildspec.Buildspec.PhaseName.POST_BUILD;
import static org.assertj.core.api.Assertions.assertThat;

class VariablesAndSecretsTest
{
    @TempDir
    Path workspace;

    private static final class MapResolver
            implements SecretResolver
    {
        private final Map<String, String> parameters;
        private final Map<String, String> secrets;

        MapResolver(Map<String, String> parameters, Map<String, String> secrets)
        {
            this.parameters = parameters;
            this.secrets = secrets;
        }

        @Override
        public Optional<String> parameter(String name, SecretScope scope)
        {
            if (name.equals("/forbidden")) {
                throw new SlipwayException(ErrorCode.PERMISSION_DENIED, "project web may not read /forbidden");
            }
            return Optional.ofNullable(parameters.get(name));
        }

        @Override
        public Optional<String> secret(SecretReference reference, SecretScope scope)
        {
            return Optional.ofNullable(secrets.get(reference.secretId()));
        }
    }

    private ShellOptions shell(EngineFixture fixture)
    {
        return fixture.executor.opened.get(0);
    }

    @Test
    void startOverridesBeatProjectVariablesWhichBeatBuildspecVariables()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.run(buildspec().variable("A", "buildspec").variable("B", "buildspec").variable("C", "buildspec").phase(BUILD, "env").build(),
                fixture.job()
                        .projectVariable(EnvironmentVariable.plain("B", "project"))
                        .projectVariable(EnvironmentVariable.plain("C", "project"))
                        .overrideVariable(EnvironmentVariable.plain("C", "override")));

        assertThat(shell(fixture).environment()).containsEntry("A", "buildspec").containsEntry("B", "project").containsEntry("C", "override");
    }

    @Test
    void variableValuesAreLiteral()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.run(buildspec().variable("PATH", "$PATH:/x").variable("HOME_DIR", "${HOME}/y").phase(BUILD, "env").build());

        assertThat(shell(fixture).environment()).containsEntry("HOME_DIR", "${HOME}/y");
        // The engine appends the directory of its own tools (codebuild-hash-files) to the build's PATH, as it is.
        assertThat(shell(fixture).environment().get("PATH")).matches("\\$PATH:/x:/tmp/slipway-tools-[0-9a-f]+");
    }

    @Test
    void namesStartingWithCodebuildCannotBeOverriddenAndTheLogSaysSo()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.run(buildspec().variable("CODEBUILD_BUILD_ID", "mine").phase(BUILD, "env").build(),
                fixture.job().overrideVariable(EnvironmentVariable.plain("CODEBUILD_SRC_DIR", "/elsewhere")));

        assertThat(shell(fixture).environment())
                .containsEntry("CODEBUILD_BUILD_ID", fixture.buildId)
                .containsEntry("CODEBUILD_SRC_DIR", workspace.toString());
        assertThat(fixture.listener.engineMessages).contains(
                "Ignoring variable CODEBUILD_BUILD_ID from the buildspec: names starting with CODEBUILD_ are reserved",
                "Ignoring variable CODEBUILD_SRC_DIR from the start request: names starting with CODEBUILD_ are reserved");
    }

    @Test
    void engineSetsCodebuildVariablesWithCodebuildsFormats()
    {
        EngineFixture fixture = new EngineFixture(workspace, new BuildEngineSettings("eu-west-1", "123456789012", Optional.of("eu-west-1"),
                java.time.Clock.systemUTC()));
        BuildResult result = fixture.run(buildspec().phase(BUILD, "env").build(), fixture.job()
                .sourceVersion("main")
                .environment(new EnvironmentSettings(Optional.of("aws/codebuild/standard:7.0"), "BUILD_GENERAL1_SMALL", false))
                .source(BuildSource.inPlace(Optional.of("1b2c3d"), Optional.of("https://git.example/web.git")))
                .batchBuildIdentifier("linux")
                .webhookVariable("CODEBUILD_WEBHOOK_TRIGGER", "branch/main"));

        String uuid = fixture.buildId.substring("web:".length());
        assertThat(shell(fixture).environment())
                .containsEntry("CI", "true")
                .containsEntry("AWS_REGION", "eu-west-1")
                .containsEntry("AWS_DEFAULT_REGION", "eu-west-1")
                .containsEntry("CODEBUILD_BUILD_ID", "web:" + uuid)
                .containsEntry("CODEBUILD_BUILD_ARN", "arn:aws:codebuild:eu-west-1:123456789012:build/web:" + uuid)
                .containsEntry("CODEBUILD_PROJECT_ARN", "arn:aws:codebuild:eu-west-1:123456789012:project/web")
                .containsEntry("CODEBUILD_BUILD_NUMBER", "7")
                .containsEntry("CODEBUILD_BUILD_SUCCEEDING", "1")
                .containsEntry("CODEBUILD_INITIATOR", "alice")
                .containsEntry("CODEBUILD_BUILD_IMAGE", "aws/codebuild/standard:7.0")
                .containsEntry("CODEBUILD_SRC_DIR", workspace.toString())
                .containsEntry("CODEBUILD_START_TIME", Long.toString(result.startTime().toEpochMilli()))
                .containsEntry("CODEBUILD_SOURCE_VERSION", "main")
                .containsEntry("CODEBUILD_RESOLVED_SOURCE_VERSION", "1b2c3d")
                .containsEntry("CODEBUILD_SOURCE_REPO_URL", "https://git.example/web.git")
                .containsEntry("CODEBUILD_LOG_PATH", uuid)
                .containsEntry("CODEBUILD_BATCH_BUILD_IDENTIFIER", "linux")
                .containsEntry("CODEBUILD_WEBHOOK_TRIGGER", "branch/main");
        assertThat(result.resolvedSourceVersion()).contains("1b2c3d");
    }

    @Test
    void awsRegionIsNotSetUnlessConfigured()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.run(buildspec().phase(BUILD, "env").build());

        assertThat(shell(fixture).environment()).doesNotContainKeys("AWS_REGION", "AWS_DEFAULT_REGION", "CODEBUILD_BUILD_IMAGE")
                .containsEntry("CODEBUILD_BUILD_ARN", "arn:aws:codebuild:local:000000000000:build/" + fixture.buildId);
    }

    @Test
    void parameterAndSecretValuesAreResolvedAndMaskedInEveryLogLine()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.exit("print", 0, "password is hunter2-long", "token=" + java.util.Base64.getEncoder().encodeToString("s3cr3t-token".getBytes()),
                "url=https://x/?t=a%20b%2Bc", "key line two-of-pem");
        MapResolver resolver = new MapResolver(
                Map.of("/db/password", "hunter2-long"),
                Map.of("api", "{\"token\":\"s3cr3t-token\",\"other\":1}", "blob", "a b+c", "pem", "-----BEGIN-----\nkey line two-of-pem\n-----END-----"));
        BuildResult result = fixture.run(buildspec()
                        .parameter("DB_PASSWORD", "/db/password")
                        .secret("TOKEN", "api:token")
                        .secret("PEM", "pem")
                        .phase(BUILD, "print").build(),
                fixture.job().secrets(resolver).projectVariable(new EnvironmentVariable("BLOB", "blob", EnvironmentVariable.Type.SECRETS_MANAGER)));

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(shell(fixture).environment()).containsEntry("DB_PASSWORD", "hunter2-long").containsEntry("TOKEN", "s3cr3t-token")
                .containsEntry("BLOB", "a b+c");
        assertThat(fixture.listener.logLines).contains("password is ***", "token=***", "url=https://x/?t=***", "***");
        assertThat(fixture.listener.allText()).doesNotContain("hunter2", "s3cr3t", "two-of-pem");
    }

    @Test
    void missingParameterFailsTheBuildNamingIt()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        BuildResult result = fixture.run(buildspec().parameter("X", "/nope").phase(BUILD, "make").build(),
                fixture.job().secrets(new MapResolver(Map.of(), Map.of())));

        assertThat(result.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(result.phase(BuildPhaseType.DOWNLOAD_SOURCE).orElseThrow().contexts())
                .containsExactly(new StatusContext("PARAMETER_STORE_ERROR", "Parameter /nope for variable X does not exist"));
        assertThat(fixture.executor.commands()).isEmpty();
    }

    @Test
    void projectParameterThatMayNotBeReadFailsProvisioning()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        BuildResult result = fixture.run(buildspec().phase(BUILD, "make").build(), fixture.job()
                .secrets(new MapResolver(Map.of(), Map.of()))
                .projectVariable(new EnvironmentVariable("P", "/forbidden", EnvironmentVariable.Type.PARAMETER_STORE)));

        assertThat(result.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(result.phase(BuildPhaseType.PROVISIONING).orElseThrow().contexts()).singleElement()
                .satisfies(context -> assertThat(context.message()).isEqualTo("Parameter /forbidden for variable P could not be read: project web may not read /forbidden"));
        assertThat(fixture.executor.request).isNull();
    }

    @Test
    void secretWithoutTheJsonKeyFailsTheBuild()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        BuildResult result = fixture.run(buildspec().secret("T", "api:missing").phase(BUILD, "make").build(),
                fixture.job().secrets(new MapResolver(Map.of(), Map.of("api", "{\"token\":\"abc-secret\"}"))));

        assertThat(result.phase(BuildPhaseType.DOWNLOAD_SOURCE).orElseThrow().contexts())
                .containsExactly(new StatusContext("SECRETS_MANAGER_ERROR", "Secret api for variable T is not a JSON object with the key 'missing'"));
    }

    @Test
    void exportedVariablesAreReadFromTheShellAtTheEndOfPostBuildWithoutLoggingThem()
    {
        EngineFixture fixture = new EngineFixture(workspace);
        fixture.executor.when(command -> command.startsWith("if [ -n \"${"), (command, sink, timeout) -> {
            java.util.regex.Matcher found = java.util.regex.Pattern.compile("'([0-9a-f]{32}):set:").matcher(command);
            assertThat(found.find()).isTrue();
            String marker = found.group(1);
            sink.line(marker + ":set:IMAGE_TAG");
            sink.line("v1.2.3");
            sink.line(marker + ":end");
            sink.line(marker + ":set:NOTES");
            sink.line("line one");
            sink.line("line two");
            sink.line(marker + ":end");
            return CommandResult.exited(0, java.time.Duration.ZERO);
        });
        BuildResult result = fixture.run(buildspec().exported("IMAGE_TAG", "NOTES", "AWS_SECRET", "UNSET", "P")
                .phase(POST_BUILD, "tag").build(), fixture.job()
                .secrets(new MapResolver(Map.of("/p", "param-value"), Map.of()))
                .projectVariable(new EnvironmentVariable("P", "/p", EnvironmentVariable.Type.PARAMETER_STORE)));

        assertThat(result.exportedVariables()).containsExactly(Map.entry("IMAGE_TAG", "v1.2.3"), Map.entry("NOTES", "line one\nline two"));
        String capture = fixture.executor.allCommands().stream().filter(command -> command.startsWith("if [ -n")).findFirst().orElseThrow();
        assertThat(capture).contains("${IMAGE_TAG+x}", "${UNSET+x}").doesNotContain("AWS_SECRET", "${P+x}");
        assertThat(fixture.listener.logLines).noneMatch(line -> line.contains("v1.2.3"));
        assertThat(fixture.listener.engineMessages).contains(
                "Not exporting variable AWS_SECRET: names starting with AWS_ cannot be exported",
                "Not exporting variable P: project parameter-store and secrets-manager variables cannot be exported");
        assertThat(fixture.executor.allCommands().indexOf(capture)).isGreaterThan(fixture.executor.allCommands().indexOf("tag"));
    }
}
