package dev.slipway.server.build.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Report files come from builds, so from whoever can push a commit: XML entity tricks must neither read files nor
 * expand without bound. The attack documents are written inline; each XML format gets each of them.
 */
class ReportXxeTest
{
    private static final String SECRET = "TOP-SECRET-" + Long.toHexString(System.nanoTime());

    private final ReportParsers parsers = new ReportParsers();

    @TempDir
    Path directory;

    private Path secret;
    private Path externalDtd;

    @BeforeEach
    void writeSecretAndDtd()
            throws IOException
    {
        secret = Files.writeString(directory.resolve("secret.txt"), SECRET);
        externalDtd = Files.writeString(directory.resolve("evil.dtd"), "<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">");
    }

    @ParameterizedTest
    @EnumSource(value = ReportFormat.class, names = {"CUCUMBERJSON", "SIMPLECOV"}, mode = EnumSource.Mode.EXCLUDE)
    void anExternalEntityIsNotRead(ReportFormat format)
            throws IOException
    {
        Path file = write("""
                <?xml version="1.0"?>
                <!DOCTYPE %s [<!ENTITY leak SYSTEM "%s">]>
                <%s name="&leak;">&leak;</%s>
                """.formatted(root(format), secret.toUri(), root(format), root(format)));

        assertNothingLeaks(parsers.parse(format, List.of(file)));
    }

    @ParameterizedTest
    @EnumSource(value = ReportFormat.class, names = {"CUCUMBERJSON", "SIMPLECOV"}, mode = EnumSource.Mode.EXCLUDE)
    void anExternalDtdIsNotLoaded(ReportFormat format)
            throws IOException
    {
        Path file = write("""
                <?xml version="1.0"?>
                <!DOCTYPE %s SYSTEM "%s">
                <%s name="&leak;">&leak;</%s>
                """.formatted(root(format), externalDtd.toUri(), root(format), root(format)));

        assertNothingLeaks(parsers.parse(format, List.of(file)));
    }

    @Test
    void entityExpansionIsNotPerformed()
            throws IOException
    {
        StringBuilder dtd = new StringBuilder("<!ENTITY a0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        }
        Path file = write("<?xml version=\"1.0\"?><!DOCTYPE testsuite [" + dtd + "]>"
                + "<testsuite name=\"s\"><testcase name=\"c\"><failure>&a9;</failure></testcase></testsuite>");

        Report report = parsers.parse(ReportFormat.JUNITXML, List.of(file));

        assertThat(report.status()).isEqualTo(ReportStatus.FAILED);
        assertThat(report.problems()).singleElement().satisfies(problem -> assertThat(problem.message()).contains("a9"));
    }

    @Test
    void aDoctypeWithoutEntitiesStillParses()
    {
        // JaCoCo and istanbul's Cobertura name a DTD that must not be fetched, and the files must still be read.
        assertThat(ReportSamples.read("jacocoxml/jacoco.xml")).contains("<!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\">");
        assertThat(ReportSamples.read("coberturaxml/istanbul-cobertura-coverage.xml")).contains("http://cobertura.sourceforge.net/xml/coverage-04.dtd");

        assertThat(parsers.parse(ReportFormat.JACOCOXML, List.of(ReportSamples.sample("jacocoxml/jacoco.xml"))).status()).isEqualTo(ReportStatus.SUCCEEDED);
        assertThat(parsers.parse(ReportFormat.COBERTURAXML, List.of(ReportSamples.sample("coberturaxml/istanbul-cobertura-coverage.xml"))).status())
                .isEqualTo(ReportStatus.SUCCEEDED);
    }

    private void assertNothingLeaks(Report report)
    {
        assertThat(report.status()).isEqualTo(ReportStatus.FAILED);
        assertThat(report.problems()).singleElement().satisfies(problem -> assertThat(problem.message()).contains("leak").doesNotContain(SECRET));
        assertThat(report.toString()).doesNotContain(SECRET);
    }

    private static String root(ReportFormat format)
    {
        return switch (format) {
            case JUNITXML -> "testsuite";
            case NUNITXML -> "test-results";
            case NUNIT3XML -> "test-run";
            case TESTNGXML -> "testng-results";
            case VISUALSTUDIOTRX -> "TestRun";
            case CLOVERXML, COBERTURAXML -> "coverage";
            case JACOCOXML -> "report";
            case CUCUMBERJSON, SIMPLECOV -> throw new IllegalArgumentException(format + " is not XML");
        };
    }

    private Path write(String text)
            throws IOException
    {
        return Files.writeString(directory.resolve("attack.xml"), text, StandardCharsets.UTF_8);
    }
}
