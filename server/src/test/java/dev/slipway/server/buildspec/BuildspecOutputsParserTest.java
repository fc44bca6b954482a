package dev.slipway.server.buildspec;

import dev.slipway.server.buildspec.Buildspec.Artifacts;
import dev.slipway.server.buildspec.Buildspec.Cache;
import dev.slipway.server.buildspec.Buildspec.CacheAction;
import dev.slipway.server.buildspec.Buildspec.ReportGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static dev.slipway.server.buildspec.BuildspecParserTest.format;
import static org.assertj.core.api.Assertions.assertThat;

/** What a build produces: reports, artifacts (with secondary artifacts) and the cache. */
class BuildspecOutputsParserTest
{
    private static final String PHASES = "version: 0.2\nphases:\n  build:\n    commands: [make]\n";

    private final BuildspecParser parser = new BuildspecParser();

    // ---- reports ------------------------------------------------------------------------------------------------

    @Test
    void reportGroupKeepsEveryKeyAndDefaultsToJunitXml()
    {
        Buildspec buildspec = valid(PHASES + """
                reports:
                  arn:aws:codebuild:eu-west-1:123456789012:report-group/shared:
                    files:
                      - '**/TEST-*.xml'
                    base-directory: target/surefire-reports
                    discard-paths: yes
                  $GROUP_FROM_ENV:
                    files: coverage.xml
                    file-format: CoberturaXml
                """);

        assertThat(buildspec.reports().values()).containsExactly(
                new ReportGroup("arn:aws:codebuild:eu-west-1:123456789012:report-group/shared", List.of("**/TEST-*.xml"),
                        Optional.of("target/surefire-reports"), true, "JUNITXML"),
                new ReportGroup("$GROUP_FROM_ENV", List.of("coverage.xml"), Optional.empty(), false, "COBERTURAXML"));
    }

    @ParameterizedTest
    @CsvSource({
            "cucumberjson,CUCUMBERJSON", "JUnitXml,JUNITXML", "nunitxml,NUNITXML", "NUnit3Xml,NUNIT3XML", "testngxml,TESTNGXML",
            "VisualStudioTrx,VISUALSTUDIOTRX", "cloverxml,CLOVERXML", "coberturaxml,COBERTURAXML", "jacocoxml,JACOCOXML", "SimpleCov,SIMPLECOV"})
    void reportFormatsAreCaseInsensitive(String written, String format)
    {
        Buildspec buildspec = valid(PHASES + "reports:\n  group:\n    files: out.xml\n    file-format: " + written + "\n");

        assertThat(buildspec.reports().get("group").fileFormat()).isEqualTo(format);
    }

    @Test
    void unknownReportFormatLeavesTheGroupOutWithAWarning()
    {
        ParseResult result = parser.parse(PHASES + "reports:\n  scan:\n    files: out.json\n    file-format: JACOCO\n  tests:\n    files: t.xml\n");

        assertThat(result.buildspec().orElseThrow().reports()).containsOnlyKeys("tests");
        assertThat(format(result)).containsExactly("buildspec.yml:8:18: warning: reports.scan.file-format: unknown report format 'JACOCO', "
                + "so this report group is not read; the formats are CUCUMBERJSON, JUNITXML, NUNITXML, NUNIT3XML, TESTNGXML, VISUALSTUDIOTRX, "
                + "CLOVERXML, COBERTURAXML, JACOCOXML, SIMPLECOV; did you mean 'JACOCOXML'?");
    }

    @Test
    void atMostFiveReportGroups()
    {
        StringBuilder reports = new StringBuilder("reports:\n");
        for (int group = 1; group <= 6; group++) {
            reports.append("  group").append(group).append(":\n    files: r").append(group).append(".xml\n");
        }

        assertThat(format(parser.parse(PHASES + reports))).containsExactly(
                "buildspec.yml:16:3: error: reports.group6: a buildspec can have at most 5 report groups, but this one has 6");
        assertThat(parser.parse(PHASES + reports.substring(0, reports.indexOf("  group6"))).problems()).isEmpty();
    }

    @Test
    void reportGroupNeedsFiles()
    {
        assertThat(format(parser.parse(PHASES + "reports:\n  empty:\n  nofiles:\n    file-format: JUNITXML\n"))).containsExactly(
                "buildspec.yml:6:3: error: reports.empty: is empty, but a report group needs files",
                "buildspec.yml:7:3: error: reports.nofiles.files: is required: the report files to read, e.g. '**/TEST-*.xml'");
    }

    // ---- artifacts ----------------------------------------------------------------------------------------------

    @Test
    void artifactsKeepEveryKey()
    {
        Artifacts artifacts = valid(PHASES + """
                artifacts:
                  files:
                    - '**/*'
                  name: build-$(date +%F)
                  discard-paths: no
                  base-directory: 'dist*'
                  exclude-paths: '**/.*'
                  enable-symlinks: yes
                  s3-prefix: releases
                  secondary-artifacts:
                    docs:
                      files: site/**/*
                      name: docs
                    image:
                      files: imagedefinitions.json
                      discard-paths: yes
                """).artifacts().orElseThrow();

        assertThat(artifacts.files()).containsExactly("**/*");
        assertThat(artifacts.name()).contains("build-$(date +%F)");
        assertThat(artifacts.discardPaths()).isFalse();
        assertThat(artifacts.baseDirectory()).contains("dist*");
        assertThat(artifacts.excludePaths()).containsExactly("**/.*");
        assertThat(artifacts.enableSymlinks()).isTrue();
        assertThat(artifacts.s3Prefix()).contains("releases");
        assertThat(artifacts.secondaryArtifacts()).containsOnlyKeys("docs", "image");
        assertThat(artifacts.secondaryArtifacts().get("image")).isEqualTo(new Artifacts(List.of("imagedefinitions.json"), Optional.empty(),
                true, Optional.empty(), List.of(), false, Optional.empty(), java.util.Map.of()));
    }

    @Test
    void artifactsNeedFilesEvenWithOnlySecondaryArtifacts()
    {
        assertThat(format(parser.parse(PHASES + "artifacts:\n  secondary-artifacts:\n    docs:\n      files: site/*\n    other:\n"))).containsExactly(
                "buildspec.yml:5:1: error: artifacts.files: is required, even when only secondary-artifacts are used; e.g. files: ['**/*']",
                "buildspec.yml:9:5: error: artifacts.secondary-artifacts.other: is empty, but a secondary artifact needs files");
    }

    @Test
    void secondaryArtifactsCannotNest()
    {
        ParseResult result = parser.parse(PHASES + "artifacts:\n  files: a\n  secondary-artifacts:\n    docs:\n      files: b\n      secondary-artifacts:\n        x:\n          files: c\n");

        assertThat(result.buildspec().orElseThrow().artifacts().orElseThrow().secondaryArtifacts().get("docs").secondaryArtifacts()).isEmpty();
        assertThat(format(result)).containsExactly("buildspec.yml:10:7: warning: artifacts.secondary-artifacts.docs.secondary-artifacts: "
                + "a secondary artifact cannot have secondary-artifacts; ignored");
    }

    // ---- cache --------------------------------------------------------------------------------------------------

    @Test
    void cacheKeepsEveryKey()
    {
        Cache cache = valid(PHASES + """
                cache:
                  key: npm-$(codebuild-hash-files package-lock.json)
                  fallback-keys:
                    - npm-
                    - npm
                  action: Save
                  paths:
                    - /root/.npm/**/*
                    - node_modules/**/*
                """).cache().orElseThrow();

        assertThat(cache).isEqualTo(new Cache(List.of("/root/.npm/**/*", "node_modules/**/*"),
                Optional.of("npm-$(codebuild-hash-files package-lock.json)"), List.of("npm-", "npm"), Optional.of(CacheAction.SAVE)));
    }

    @Test
    void cacheProblems()
    {
        assertThat(format(parser.parse(PHASES + "cache:\n  fallback-keys: [a, b, c, d, e, f]\n  action: always\n"))).containsExactly(
                "buildspec.yml:5:1: warning: cache.paths: is missing, so nothing is cached",
                "buildspec.yml:6:3: warning: cache.fallback-keys: are used only with a key; without one they are ignored",
                "buildspec.yml:6:34: error: cache.fallback-keys[5]: at most 5 fallback keys are allowed, but there are 6",
                "buildspec.yml:7:11: error: cache.action: expected restore or save (or leave action out to do both), but found 'always'");
    }

    private Buildspec valid(String yaml)
    {
        ParseResult result = parser.parse(yaml);
        assertThat(result.problems()).as("problems of\n%s", yaml).isEmpty();
        return result.buildspec().orElseThrow();
    }
}
