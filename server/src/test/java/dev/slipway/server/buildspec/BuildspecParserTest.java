package dev.slipway.server.buildspec;

import dev.slipway.server.buildspec.Buildspec.Command;
import dev.slipway.server.buildspec.Buildspec.OnFailure;
import dev.slipway.server.buildspec.Buildspec.Phase;
import dev.slipway.server.buildspec.Buildspec.PhaseName;
import dev.slipway.server.buildspec.BuildspecProblem.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One rule at a time: versions, env, phases, on-failure, the YAML 1.1 tolerance rules, duplicate and merge keys. */
class BuildspecParserTest
{
    private final BuildspecParser parser = new BuildspecParser();

    // ---- version ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"0.2", "'0.2'", "\"0.2\"", "0.1"})
    void versionIsReadAsWritten(String version)
    {
        Buildspec buildspec = valid("version: " + version + "\nphases:\n  build:\n    commands: [make]\n");

        assertThat(buildspec.version()).isEqualTo(version.replace("'", "").replace("\"", ""));
        assertThat(buildspec.isLegacy()).isEqualTo(version.equals("0.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.20", "0.3", "1.0", "2", "latest"})
    void unsupportedVersionIsAnErrorAtTheValue(String version)
    {
        assertThat(problems("version: " + version + "\nphases:\n  build:\n    commands: [make]\n")).containsExactly(
                "buildspec.yml:1:10: error: version: unsupported version '" + version + "'; Slipway reads version 0.2 (and the legacy 0.1)");
    }

    @Test
    void missingVersionIsAnError()
    {
        assertThat(problems("phases:\n  build:\n    commands: [make]\n")).containsExactly(
                "buildspec.yml:1:1: error: version: is required; add 'version: 0.2' as the first line");
    }

    @Test
    void legacyEnvironmentVariablesAreReadInBothVersionsAndEnvWinsOverThem()
    {
        String legacy = """
                version: 0.1
                environment_variables:
                  plaintext:
                    STAGE: test
                    ONLY_LEGACY: x
                env:
                  variables:
                    STAGE: prod
                phases:
                  build:
                    commands: make
                """;

        ParseResult result = parser.parse(legacy);
        ParseResult current = parser.parse(legacy.replace("version: 0.1", "version: 0.2"));

        assertThat(result.buildspec().orElseThrow().env().variables()).containsExactly(Map.entry("STAGE", "prod"), Map.entry("ONLY_LEGACY", "x"));
        assertThat(format(result)).containsExactly("buildspec.yml:2:1: warning: environment_variables: both env and environment_variables are set; "
                + "a variable defined in both takes its value from env.variables");
        assertThat(current.buildspec().orElseThrow().env().variables()).containsEntry("ONLY_LEGACY", "x");
        assertThat(format(current)).first().isEqualTo("buildspec.yml:2:1: warning: environment_variables: is the version 0.1 name; "
                + "version 0.2 calls it env (and plaintext is env.variables). Slipway reads it anyway");
    }

    // ---- env ----------------------------------------------------------------------------------------------------

    @Test
    void variableValuesAreTheTextAsWrittenNeverYamlTypes()
    {
        Buildspec buildspec = valid("""
                version: 0.2
                env:
                  variables:
                    OCTAL: 010
                    HEX: 0x1F
                    WORD: yes
                    BOOLEAN: TRUE
                    FLOAT: 3.10
                    EXPONENT: 1e3
                    SEXAGESIMAL: 1:30
                    DATE: 2024-01-31
                    QUOTED: '010'
                    LITERAL_PATH: $PATH:/opt/bin
                    TILDE_TEXT: "~"
                phases:
                  build:
                    commands: [env]
                """);

        assertThat(buildspec.env().variables()).containsExactly(
                Map.entry("OCTAL", "010"),
                Map.entry("HEX", "0x1F"),
                Map.entry("WORD", "yes"),
                Map.entry("BOOLEAN", "TRUE"),
                Map.entry("FLOAT", "3.10"),
                Map.entry("EXPONENT", "1e3"),
                Map.entry("SEXAGESIMAL", "1:30"),
                Map.entry("DATE", "2024-01-31"),
                Map.entry("QUOTED", "010"),
                Map.entry("LITERAL_PATH", "$PATH:/opt/bin"),
                Map.entry("TILDE_TEXT", "~"));
    }

    @Test
    void emptyVariableIsTheEmptyStringWithAWarning()
    {
        ParseResult result = parser.parse("version: 0.2\nenv:\n  variables:\n    EMPTY:\n    NULL_WORD: null\nphases:\n  build:\n    commands: [env]\n");

        assertThat(result.buildspec().orElseThrow().env().variables()).containsExactly(Map.entry("EMPTY", ""), Map.entry("NULL_WORD", ""));
        assertThat(format(result)).containsExactly(
                "buildspec.yml:4:5: warning: env.variables.EMPTY: has no value; the variable is set to the empty string",
                "buildspec.yml:5:5: warning: env.variables.NULL_WORD: has no value; the variable is set to the empty string");
    }

    @Test
    void variableWithAListValueIsAnError()
    {
        assertThat(problems("version: 0.2\nenv:\n  variables:\n    LIST: [a, b]\nphases:\n  build:\n    commands: [env]\n")).containsExactly(
                "buildspec.yml:4:11: error: env.variables.LIST: a variable's value must be text, but found a list; quote it if it should be the literal text");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "/bin/bash", "sh", "/bin/sh", "powershell.exe", "cmd.exe"})
    void shellIsOneOfTheSupportedShells(String shell)
    {
        assertThat(valid("version: 0.2\nenv:\n  shell: " + shell + "\nphases:\n  build:\n    commands: [echo]\n").env().shell()).contains(shell);
    }

    @Test
    void everyEnvKeyIsRead()
    {
        Buildspec buildspec = valid("""
                version: 0.2
                env:
                  parameter-store:
                    DB_PASSWORD: /app/db-password
                  secrets-manager:
                    WHOLE: my-secret
                    FIELD: my-secret:password
                    STAGE: my-secret:password:AWSPREVIOUS
                    VERSION: my-secret:password::3f4a
                    ARN: arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-AbCdEf:password
                  exported-variables: IMAGE_TAG
                  git-credential-helper: yes
                phases:
                  build:
                    commands: [make]
                """);

        assertThat(buildspec.env().parameterStore()).containsExactly(Map.entry("DB_PASSWORD", "/app/db-password"));
        assertThat(buildspec.env().secretsManager()).containsOnlyKeys("WHOLE", "FIELD", "STAGE", "VERSION", "ARN");
        assertThat(buildspec.env().exportedVariables()).containsExactly("IMAGE_TAG");
        assertThat(buildspec.env().gitCredentialHelper()).isTrue();
        assertThat(buildspec.env().shell()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "my-secret:key:AWSCURRENT:v1 | sets both a version stage and a version id",
            "a:b:c:d:e | has too many ':' fields",
            ":key | has no secret id before the first ':'",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret | is not a complete secret ARN",
            "arn:aws:secretsmanager:eu-west-1:1:secret:name:key:AWSCURRENT:v1 | sets both a version stage and a version id"})
    void malformedSecretReferenceIsAnError(String reference, String problem)
    {
        assertThat(BuildspecReader.secretReferenceProblem(reference)).hasValueSatisfying(message -> assertThat(message).contains(problem));
    }

    // ---- booleans -----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"yes,true", "no,false", "Yes,true", "NO,false", "true,true", "False,false", "on,true", "OFF,false", "'yes',true", "\"no\",false"})
    void yesNoTrueFalseOnOffAreBooleansWhereABooleanIsExpected(String word, boolean expected)
    {
        Buildspec buildspec = valid("version: 0.2\nproxy:\n  logs: " + word + "\n  upload-artifacts: " + word
                + "\nphases:\n  build:\n    commands: [make]\nartifacts:\n  files: '*'\n  discard-paths: " + word + "\n");

        assertThat(buildspec.proxy().logs()).isEqualTo(expected);
        assertThat(buildspec.proxy().uploadArtifacts()).isEqualTo(expected);
        assertThat(buildspec.artifacts().orElseThrow().discardPaths()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "y", "maybe", "enabled"})
    void otherWordsWhereABooleanIsExpectedAreErrors(String word)
    {
        assertThat(problems("version: 0.2\nproxy:\n  logs: " + word + "\nphases:\n  build:\n    commands: [make]\n")).containsExactly(
                "buildspec.yml:3:9: error: proxy.logs: expected yes or no (or true/false, on/off), but found '" + word + "'");
    }

    // ---- phases -------------------------------------------------------------------------------------------------

    @Test
    void phasesKeepTheirCommandsWithLinesInTheFixedPhaseOrder()
    {
        Buildspec buildspec = valid("""
                version: 0.2
                run-as: builder
                phases:
                  post_build:
                    commands:
                      - ./publish.sh
                  build:
                    run-as: root
                    commands:
                      - make
                      - |
                        if [ -f out ]; then
                          echo built
                        fi
                    finally:
                      - echo done
                  install:
                    runtime-versions:
                      java: corretto17
                      python: 3.10
                      golang: 1.20
                """);

        assertThat(buildspec.runAs()).contains("builder");
        assertThat(buildspec.phases().keySet()).containsExactly(PhaseName.INSTALL, PhaseName.BUILD, PhaseName.POST_BUILD);
        Phase build = buildspec.phase(PhaseName.BUILD).orElseThrow();
        assertThat(build.runAs()).contains("root");
        assertThat(build.onFailure()).isEmpty();
        assertThat(build.commands()).containsExactly(
                new Command("make", 10),
                new Command("if [ -f out ]; then\n  echo built\nfi\n", 11));
        assertThat(build.finallyCommands()).containsExactly(new Command("echo done", 16));
        assertThat(buildspec.phase(PhaseName.INSTALL).orElseThrow().runtimeVersions()).containsExactly(
                Map.entry("java", "corretto17"), Map.entry("python", "3.10"), Map.entry("golang", "1.20"));
        assertThat(buildspec.phase(PhaseName.PRE_BUILD)).isEmpty();
    }

    @Test
    void commandsGivenAsOneStringAreOneCommand()
    {
        Buildspec buildspec = valid("version: 0.2\nphases:\n  build:\n    commands: make && make test\n    finally: >-\n      echo one\n      two\n");

        assertThat(buildspec.phase(PhaseName.BUILD).orElseThrow().commands()).containsExactly(new Command("make && make test", 4));
        assertThat(buildspec.phase(PhaseName.BUILD).orElseThrow().finallyCommands()).containsExactly(new Command("echo one two", 5));
    }

    @Test
    void numbersAndBooleansInCommandsAreTheirText()
    {
        Buildspec buildspec = valid("version: 0.2\nphases:\n  build:\n    commands:\n      - true\n      - 010\n");

        assertThat(buildspec.phase(PhaseName.BUILD).orElseThrow().commands()).extracting(Command::text).containsExactly("true", "010");
    }

    @Test
    void nullCommandItemsAreSkippedWithAWarning()
    {
        ParseResult result = parser.parse("version: 0.2\nphases:\n  build:\n    commands:\n      - make\n      -\n      - ~\n      - make test\n");

        assertThat(result.buildspec().orElseThrow().phase(PhaseName.BUILD).orElseThrow().commands())
                .containsExactly(new Command("make", 5), new Command("make test", 8));
        assertThat(format(result)).containsExactly(
                "buildspec.yml:6:8: warning: phases.build.commands[1]: empty list item is skipped",
                "buildspec.yml:7:9: warning: phases.build.commands[2]: empty list item is skipped");
    }

    @Test
    void commandThatYamlReadsAsAMappingIsAnErrorThatSaysHowToQuoteIt()
    {
        assertThat(problems("version: 0.2\nphases:\n  build:\n    commands:\n      - echo it's done:\n      - echo \"a\": b\n"
                + "      - {run: make, shell: bash}\n")).containsExactly(
                "buildspec.yml:5:9: error: phases.build.commands[0]: a command must be text, but YAML read this item as a mapping "
                        + "because it ends with ':'; quote the whole command: - \"echo it's done:\"",
                "buildspec.yml:6:9: error: phases.build.commands[1]: a command must be text, but YAML read this item as a mapping "
                        + "because it contains ': '; quote the whole command: - 'echo \"a\": b'",
                "buildspec.yml:7:9: error: phases.build.commands[2]: a command must be text, but YAML read this item as a mapping "
                        + "because it contains ': ' or ends with ':'; quote the whole command");
    }

    @Test
    void unknownPhaseIsAnErrorWithASuggestion()
    {
        assertThat(problems("version: 0.2\nphases:\n  Build:\n    commands: [make]\n  deploy:\n    commands: [make]\n")).containsExactly(
                "buildspec.yml:3:3: error: phases.Build: unknown phase 'Build'; the phases are install, pre_build, build and post_build; did you mean 'build'?",
                "buildspec.yml:5:3: error: phases.deploy: unknown phase 'deploy'; the phases are install, pre_build, build and post_build");
    }

    @Test
    void runtimeVersionsOutsideInstallAreIgnoredWithAWarning()
    {
        ParseResult result = parser.parse("version: 0.2\nphases:\n  build:\n    runtime-versions:\n      java: corretto17\n    commands: [make]\n");

        assertThat(result.buildspec().orElseThrow().phase(PhaseName.BUILD).orElseThrow().runtimeVersions()).isEmpty();
        assertThat(format(result)).containsExactly(
                "buildspec.yml:4:5: warning: phases.build.runtime-versions: is read only in the install phase; here it is ignored");
    }

    @Test
    void phaseWithoutCommandsIsAWarningButOnlyFinallyIsFine()
    {
        assertThat(problems("version: 0.2\nphases:\n  build:\n    commands: []\n  post_build:\n    finally: [./cleanup.sh]\n")).containsExactly(
                "buildspec.yml:3:3: warning: phases.build: has no commands");
    }

    @Test
    void noPhasesIsAnErrorUnlessThereIsABatch()
    {
        assertThat(problems("version: 0.2\n")).containsExactly(
                "buildspec.yml:1:1: error: phases: is required: a buildspec needs phases with commands, or a batch section");
        assertThat(problems("version: 0.2\nbatch:\n  build-list:\n    - identifier: one\n")).isEmpty();
    }

    // ---- on-failure ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "ABORT => ABORT => 0 => .*",
            "CONTINUE => CONTINUE => 0 => .*",
            "abort => ABORT => 0 => .*",
            "RETRY => RETRY => 3 => .*",
            "Retry => RETRY => 3 => .*",
            "RETRY-0 => RETRY => 0 => .*",
            "RETRY-5 => RETRY => 5 => .*",
            "RETRY-100 => RETRY => 100 => .*",
            "RETRY-007 => RETRY => 7 => .*",
            "RETRY-Connection reset => RETRY => 3 => Connection reset",
            "RETRY-2-Throttl(ed|ing) => RETRY => 2 => Throttl(ed|ing)",
            "RETRY-2-a-b-c => RETRY => 2 => a-b-c",
            "RETRY-12abc => RETRY => 3 => 12abc",
            "retry-3-Error => RETRY => 3 => Error",
            "'RETRY-^ERROR [0-9]+$' => RETRY => 3 => ^ERROR [0-9]+$"})
    void onFailureFormsAreRead(String written, OnFailure.Mode mode, int count, String regex)
    {
        OnFailure onFailure = valid("version: 0.2\nphases:\n  build:\n    on-failure: " + written + "\n    commands: [make]\n")
                .phase(PhaseName.BUILD).orElseThrow().onFailure().orElseThrow();

        assertThat(onFailure.mode()).isEqualTo(mode);
        assertThat(onFailure.retryCount()).isEqualTo(count);
        assertThat(onFailure.retryPattern().pattern()).isEqualTo(regex);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "RETRY-101 => the retry count must be from 0 to 100, but is 101",
            "RETRY-99999999999 => the retry count must be from 0 to 100, but is 99999999999",
            "RETRY- => 'RETRY-' ends with '-' but gives no regex; write RETRY-<count>, RETRY-<regex> or RETRY-<count>-<regex>",
            "RETRY-4- => 'RETRY-4-' ends with '-' but gives no regex; write RETRY-<count>, RETRY-<regex> or RETRY-<count>-<regex>",
            "RETRY-( => the retry pattern '(' is not a valid regular expression: Unclosed group near index 1",
            "STOP => expected ABORT, CONTINUE, RETRY, RETRY-<count>, RETRY-<regex> or RETRY-<count>-<regex>, but found 'STOP'",
            "RETRY3 => expected ABORT, CONTINUE, RETRY, RETRY-<count>, RETRY-<regex> or RETRY-<count>-<regex>, but found 'RETRY3'"})
    void invalidOnFailureIsAnErrorAtTheValue(String written, String message)
    {
        assertThat(problems("version: 0.2\nphases:\n  build:\n    on-failure: " + written + "\n    commands: [make]\n")).containsExactly(
                "buildspec.yml:4:17: error: phases.build.on-failure: " + message);
    }

    // ---- keys ---------------------------------------------------------------------------------------------------

    @Test
    void unknownKeysAreWarningsWithPathLineColumnAndASuggestion()
    {
        ParseResult result = parser.parse("""
                version: 0.2
                phases:
                  pre_build:
                    command: [make]
                    commands: [make]
                artifacts:
                  file: out/*
                  files: out/*
                  BaseDirectory: out
                """);

        assertThat(result.buildspec()).isPresent();
        assertThat(format(result)).containsExactly(
                "buildspec.yml:4:5: warning: phases.pre_build.command: unknown key 'command' is ignored; did you mean 'commands'?",
                "buildspec.yml:7:3: warning: artifacts.file: unknown key 'file' is ignored; did you mean 'files'?",
                "buildspec.yml:9:3: warning: artifacts.BaseDirectory: unknown key 'BaseDirectory' is ignored; did you mean 'base-directory'?");
    }

    @Test
    void duplicateKeyIsAWarningAndTheLastOneWins()
    {
        ParseResult result = parser.parse("version: 0.2\nphases:\n  build:\n    commands: [one]\n  build:\n    commands: [two]\n");

        assertThat(result.buildspec().orElseThrow().phase(PhaseName.BUILD).orElseThrow().commands()).extracting(Command::text).containsExactly("two");
        assertThat(format(result)).containsExactly(
                "buildspec.yml:5:3: warning: phases.build: duplicate key 'build' (first at line 3); this one is used and the earlier one is ignored");
    }

    @Test
    void mergeKeysAreFlattenedAndExplicitKeysWin()
    {
        Buildspec buildspec = valid("""
                version: 0.2
                .defaults: &defaults
                  STAGE: test
                  REGION: eu-west-1
                .more: &more
                  STAGE: ignored
                  OWNER: team
                env:
                  variables:
                    <<: [*defaults, *more]
                    STAGE: prod
                phases:
                  build:
                    commands: [env]
                """);

        assertThat(buildspec.env().variables()).isEqualTo(Map.of("STAGE", "prod", "REGION", "eu-west-1", "OWNER", "team"));
    }

    @Test
    void aliasesToListsAreRead()
    {
        Buildspec buildspec = valid("version: 0.2\n.tests: &tests [make lint, make test]\nphases:\n  build:\n    commands: *tests\n  post_build:\n    commands: *tests\n");

        assertThat(buildspec.phase(PhaseName.POST_BUILD).orElseThrow().commands()).extracting(Command::text).containsExactly("make lint", "make test");
    }

    @Test
    void problemsAreInSourceOrderWhateverTheOrderTheyAreFoundIn()
    {
        ParseResult result = parser.parse("""
                phases:
                  build:
                    commands: [make]
                    on-failure: NEVER
                run-as: [root]
                env:
                  unknown: 1
                """);

        assertThat(result.problems()).extracting(BuildspecProblem::line).isSorted();
        assertThat(result.problems()).extracting(BuildspecProblem::severity)
                .containsExactly(Severity.ERROR, Severity.ERROR, Severity.ERROR, Severity.WARNING);
    }

    @Test
    void parserIsSafeToShareBetweenThreads()
            throws Exception
    {
        String text = "version: 0.2\nphases:\n  build:\n    commands:\n" + "      - echo line\n".repeat(200);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int thread = 0; thread < 4; thread++) {
            Thread worker = new Thread(() -> {
                try {
                    for (int round = 0; round < 50; round++) {
                        ParseResult result = parser.parse(text);
                        assertThat(result.problems()).isEmpty();
                        assertThat(result.buildspec().orElseThrow().phase(PhaseName.BUILD).orElseThrow().commands()).hasSize(200);
                    }
                }
                catch (Throwable e) {
                    failures.add(e);
                }
            });
            worker.start();
            threads.add(worker);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }

    private Buildspec valid(String yaml)
    {
        ParseResult result = parser.parse(yaml);
        assertThat(result.errors()).as("errors of\n%s", yaml).isEmpty();
        return result.buildspec().orElseThrow();
    }

    private List<String> problems(String yaml)
    {
        return format(parser.parse(yaml));
    }

    static List<String> format(ParseResult result)
    {
        return result.problems().stream().map(problem -> problem.format("buildspec.yml")).toList();
    }
}
