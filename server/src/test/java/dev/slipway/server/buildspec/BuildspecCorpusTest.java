package dev.slipway.server.buildspec;

import dev.slipway.server.buildspec.Buildspec.BatchKind;
import dev.slipway.server.buildspec.Buildspec.BatchTask;
import dev.slipway.server.buildspec.Buildspec.Command;
import dev.slipway.server.buildspec.Buildspec.PhaseName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.slipway.server.buildspec.BuildspecTestFiles.files;
import static dev.slipway.server.buildspec.BuildspecTestFiles.lintLines;
import static dev.slipway.server.buildspec.BuildspecTestFiles.resourceDirectory;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus of real buildspecs from public repositories ({@code corpus/buildspecs}, a copy of
 * {@code shared/corpus/buildspecs} with its {@code SOURCES.tsv}): every file but one parses with no error. The one is
 * the corpus's kind of truly invalid buildspec, a command that YAML reads as a mapping, which CodeBuild rejects too.
 */
class BuildspecCorpusTest
{
    private static final String TRULY_INVALID = "072__lerthy__ECSProject__ops-packages-buildspec-backend.yml";

    private final BuildspecParser parser = new BuildspecParser();

    static List<Path> corpus()
    {
        return files(resourceDirectory("corpus/buildspecs"), ".yml", ".yaml");
    }

    static List<Path> validCorpus()
    {
        return corpus().stream().filter(file -> !file.getFileName().toString().equals(TRULY_INVALID)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCorpus")
    void corpusBuildspecParsesWithoutError(Path file)
            throws IOException
    {
        ParseResult result = parser.parse(file);

        assertThat(result.errors()).isEmpty();
        assertThat(result.buildspec()).isPresent();
    }

    @Test
    void corpusHasEveryBuildspecWithItsSource()
            throws IOException
    {
        List<String> sourceFiles = Files.readAllLines(resourceDirectory("corpus/buildspecs").resolve("SOURCES.tsv"), StandardCharsets.UTF_8)
                .stream()
                .skip(1)
                .map(line -> line.split("\t")[0])
                .toList();

        assertThat(corpus()).hasSize(98);
        assertThat(sourceFiles).containsExactlyInAnyOrderElementsOf(corpus().stream().map(file -> file.getFileName().toString()).toList());
    }

    @Test
    void theTrulyInvalidBuildspecGetsAPreciseError()
            throws IOException
    {
        Path file = resourceDirectory("corpus/buildspecs").resolve(TRULY_INVALID);

        ParseResult result = parser.parse(file);

        assertThat(result.buildspec()).isEmpty();
        assertThat(lintLines(file, result)).containsExactly(
                TRULY_INVALID + ":29:9: error: phases.pre_build.commands[9]: a command must be text, but YAML read this item as a "
                        + "mapping because it ends with ':'; quote the whole command: - 'echo Current directory structure:'",
                TRULY_INVALID + ":81:18: warning: reports.security-scan.file-format: unknown report format 'JSON', so this report group "
                        + "is not read; the formats are CUCUMBERJSON, JUNITXML, NUNITXML, NUNIT3XML, TESTNGXML, VISUALSTUDIOTRX, "
                        + "CLOVERXML, COBERTURAXML, JACOCOXML, SIMPLECOV");
    }

    @Test
    void unknownKeysAreWarningsWithTheirPosition()
            throws IOException
    {
        assertThat(lint("069__keirwhitlock__serverless-api-with-go-and-aws-lambda__buildspec.yml")).containsExactly(
                "069__keirwhitlock__serverless-api-with-go-and-aws-lambda__buildspec.yml:18:3: warning: artifacts.discard_paths: "
                        + "unknown key 'discard_paths' is ignored; did you mean 'discard-paths'?");
        assertThat(lint("079__ngtrhieu__api-express-lambda-boiterplate__buildspec.yml")).containsExactly(
                "079__ngtrhieu__api-express-lambda-boiterplate__buildspec.yml:6:3: warning: env.variable: "
                        + "unknown key 'variable' is ignored; did you mean 'variables'?");
        assertThat(lint("080__NickBorgers__BeanstalkGoStack__buildspec.yml")).containsExactly(
                "080__NickBorgers__BeanstalkGoStack__buildspec.yml:37:1: warning: eb_codebuild_settings: "
                        + "unknown key 'eb_codebuild_settings' is ignored");
        assertThat(lint("024__aws-amplify__amplify-cli__codebuild_specs-pr_workflow.yml")).containsExactly(
                "024__aws-amplify__amplify-cli__codebuild_specs-pr_workflow.yml:4:3: warning: env.compute-type: "
                        + "unknown key 'compute-type' is ignored");
        assertThat(lint("017__96browng__liquibase-poc__buildspec.yaml")).containsExactly(
                "017__96browng__liquibase-poc__buildspec.yaml:7:3: warning: phases.build: has no commands",
                "017__96browng__liquibase-poc__buildspec.yaml:8:5: warning: phases.build.steps: unknown key 'steps' is ignored");
        assertThat(lint("064__jackjinke__nmzl-lambda__buildspec.yml")).containsExactly(
                "064__jackjinke__nmzl-lambda__buildspec.yml:9:3: warning: artifacts.type: is deprecated (version 0.1) and ignored; "
                        + "the project's artifact settings decide the packaging");
    }

    @Test
    void nullCommandItemsAreSkippedWithAWarning()
            throws IOException
    {
        String file = "067__jeffrigby__reacddit__buildspec.yml";

        ParseResult result = parse(file);

        assertThat(lintLines(Path.of(file), result)).containsExactly(
                file + ":13:8: warning: phases.install.commands[5]: empty list item is skipped");
        assertThat(commands(result, PhaseName.INSTALL)).containsExactly(
                "npm update -g npm", "npm install -g yarn", "node -v", "npm -v", "yarn -v",
                "pip install --upgrade awscli", "pip install --upgrade aws-sam-cli");
    }

    @Test
    void versionLikeRuntimeVersionsKeepTheirText()
            throws IOException
    {
        Buildspec python = parse("087__Rish180__devsecops-pipeline-demo__buildspec.yml").buildspec().orElseThrow();
        Buildspec node = parse("004__0610st__ecs-aurora-sample-cdk-backend__buildspec.yml").buildspec().orElseThrow();

        assertThat(python.phase(PhaseName.INSTALL).orElseThrow().runtimeVersions()).containsEntry("python", "3.10");
        assertThat(node.phase(PhaseName.INSTALL).orElseThrow().runtimeVersions()).containsEntry("nodejs", "10");
    }

    @Test
    void booleanLookingVariableValuesKeepTheirText()
            throws IOException
    {
        Buildspec buildspec = parse("025__aws-amplify__amplify-cli__codebuild_specs-run_e2e_tests_linux.yml").buildspec().orElseThrow();

        assertThat(buildspec.env().variables()).containsEntry("CI", "true").containsEntry("IS_AMPLIFY_CI", "true");
    }

    @Test
    void legacyBuildspecReadsPlaintextVariablesAndACommandGivenAsOneString()
            throws IOException
    {
        ParseResult result = parse("030__aws-samples__codepipeline-nested-cfn__cfn-nested-repo-buildspec.yml");
        Buildspec buildspec = result.buildspec().orElseThrow();

        assertThat(result.problems()).isEmpty();
        assertThat(buildspec.isLegacy()).isTrue();
        assertThat(buildspec.env().variables()).containsOnlyKeys("CHILD_TEMPLATES", "TEMPLATE_FILES", "CONFIG_FILES");
        assertThat(buildspec.env().variables().get("CHILD_TEMPLATES")).isEqualTo("security-stack.yml\nserver-stack.yml\ndatabase-stack.yml\n");
        assertThat(commands(result, PhaseName.INSTALL)).containsExactly("npm install jsonlint -g");
    }

    @Test
    void crlfLineEndingsLeaveNoCarriageReturnInCommands()
            throws IOException
    {
        ParseResult result = parse("073__markzi__spring-boot-cloud-deployment-learning__buildspec_deploy.yml");

        assertThat(result.problems()).isEmpty();
        assertThat(commands(result, PhaseName.PRE_BUILD)).startsWith("echo infra build plan", "cd infra").noneMatch(command -> command.contains("\r"));
        assertThat(result.buildspec().orElseThrow().phase(PhaseName.BUILD).orElseThrow().commands().get(0))
                .isEqualTo(new Command("echo $IMAGE_TAG", 14));
    }

    @Test
    void batchBuildspecsWithoutPhasesAreRead()
            throws IOException
    {
        Buildspec graph = parse("024__aws-amplify__amplify-cli__codebuild_specs-pr_workflow.yml").buildspec().orElseThrow();
        Buildspec matrix = parse("041__aws__s2n-tls__codebuild-spec-buildspec_ubuntu_integrationv2.yml").buildspec().orElseThrow();

        assertThat(graph.phases()).isEmpty();
        assertThat(graph.batch().orElseThrow().kind()).isEqualTo(BatchKind.BUILD_GRAPH);
        BatchTask test = graph.batch().orElseThrow().tasks().stream().filter(task -> task.identifier().equals("test")).findFirst().orElseThrow();
        assertThat(test.dependOn()).containsExactly("build_linux");
        assertThat(test.buildspec()).contains("codebuild_specs/test.yml");
        assertThat(test.env().computeType()).contains("BUILD_GENERAL1_LARGE");
        assertThat(matrix.batch().orElseThrow().kind()).isEqualTo(BatchKind.BUILD_MATRIX);
        assertThat(matrix.batch().orElseThrow().matrix().orElseThrow().staticEnv().privilegedMode()).contains(true);
    }

    private ParseResult parse(String name)
            throws IOException
    {
        return parser.parse(resourceDirectory("corpus/buildspecs").resolve(name));
    }

    private List<String> lint(String name)
            throws IOException
    {
        return lintLines(Path.of(name), parse(name));
    }

    private static List<String> commands(ParseResult result, PhaseName phase)
    {
        Map<PhaseName, Buildspec.Phase> phases = result.buildspec().orElseThrow().phases();
        return phases.get(phase).commands().stream().map(Command::text).toList();
    }
}
