package dev.slipway.server.build.report;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static dev.slipway.server.build.report.ReportSamples.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

/** Every coverage format against the real files of SOURCES.md; expected figures are read from the files themselves. */
class CoverageReportSamplesTest
{
    private final ReportParsers parsers = new ReportParsers();

    @Test
    void coveragePyCoberturaMatchesTheTotalsCoveragePyWrote()
    {
        String name = "coberturaxml/coveragepy-coverage.xml";
        CoverageReport report = parse(ReportFormat.COBERTURAXML, name);

        long linesValid = attribute(name, "<coverage", "lines-valid");
        long linesCovered = attribute(name, "<coverage", "lines-covered");
        long branchesValid = attribute(name, "<coverage", "branches-valid");
        long branchesCovered = attribute(name, "<coverage", "branches-covered");
        assertThat(report.linesCovered()).isEqualTo(linesCovered).isEqualTo(23);
        assertThat(report.linesCovered() + report.linesMissed()).isEqualTo(linesValid).isEqualTo(30);
        assertThat(report.branchesCovered()).isEqualTo(branchesCovered).isEqualTo(8);
        assertThat(report.branchesCovered() + report.branchesMissed()).isEqualTo(branchesValid).isEqualTo(14);
        assertThat(report.lineCoverage()).hasValueCloseTo(23 * 100.0 / 30, offset(1e-9));
        assertThat(report.branchCoverage()).hasValueCloseTo(8 * 100.0 / 14, offset(1e-9));
        assertThat(report.files()).extracting(FileCoverage::path).containsExactly("inventory/__init__.py");
    }

    @Test
    void istanbulCoberturaCountsClassLinesNotTheirMethodCopies()
    {
        String name = "coberturaxml/istanbul-cobertura-coverage.xml";
        CoverageReport report = parse(ReportFormat.COBERTURAXML, name);

        assertThat(report.linesCovered()).isEqualTo(attribute(name, "<coverage", "lines-covered")).isEqualTo(16);
        assertThat(report.linesCovered() + report.linesMissed()).isEqualTo(attribute(name, "<coverage", "lines-valid")).isEqualTo(22);
        assertThat(report.branchesCovered()).isEqualTo(attribute(name, "<coverage", "branches-covered")).isEqualTo(14);
        assertThat(report.branchesCovered() + report.branchesMissed()).isEqualTo(attribute(name, "<coverage", "branches-valid")).isEqualTo(21);
        assertThat(report.files()).extracting(FileCoverage::path, FileCoverage::linesCovered, FileCoverage::linesMissed)
                .containsExactly(tuple("src/inventory.js", 13L, 4L), tuple("src/shipping.js", 3L, 2L));
    }

    @Test
    void jacocoSourceFilesAddUpToTheReportCounters()
    {
        String name = "jacocoxml/jacoco.xml";
        CoverageReport report = parse(ReportFormat.JACOCOXML, name);

        // The report-level counters are the last LINE and BRANCH counters of the file.
        String text = ReportSamples.read(name);
        String reportCounters = text.substring(text.lastIndexOf("</package>"));
        assertThat(reportCounters).contains("<counter type=\"BRANCH\" missed=\"8\" covered=\"13\"/>", "<counter type=\"LINE\" missed=\"7\" covered=\"22\"/>");
        assertThat(report.linesCovered()).isEqualTo(22);
        assertThat(report.linesMissed()).isEqualTo(7);
        assertThat(report.branchesCovered()).isEqualTo(13);
        assertThat(report.branchesMissed()).isEqualTo(8);
        assertThat(report.lineCoverage()).hasValueCloseTo(22 * 100.0 / 29, offset(1e-9));
        assertThat(report.branchCoverage()).hasValueCloseTo(13 * 100.0 / 21, offset(1e-9));
        assertThat(report.files()).extracting(FileCoverage::path, FileCoverage::linesCovered, FileCoverage::linesMissed, FileCoverage::branchesCovered, FileCoverage::branchesMissed)
                .containsExactly(tuple("example/Inventory.java", 15L, 5L, 8L, 4L), tuple("example/PriceCalculator.java", 7L, 2L, 5L, 4L));
    }

    @Test
    void openCloverFileMetricsAddUpToTheProjectMetrics()
    {
        String name = "cloverxml/openclover-clover.xml";
        CoverageReport report = parse(ReportFormat.CLOVERXML, name);

        assertThat(report.linesCovered()).isEqualTo(attribute(name, "<project", "coveredstatements")).isEqualTo(17);
        assertThat(report.linesCovered() + report.linesMissed()).isEqualTo(attribute(name, "<project", "statements")).isEqualTo(28);
        assertThat(report.branchesCovered()).isEqualTo(attribute(name, "<project", "coveredconditionals")).isEqualTo(7);
        assertThat(report.branchesCovered() + report.branchesMissed()).isEqualTo(attribute(name, "<project", "conditionals")).isEqualTo(14);
        assertThat(report.lineCoverage()).hasValueCloseTo(17 * 100.0 / 28, offset(1e-9));
        assertThat(report.branchCoverage()).hasValueCloseTo(50.0, offset(1e-9));
        assertThat(report.files()).extracting(FileCoverage::path)
                .containsExactly("/tmp/clover-gen/src/main/java/example/Inventory.java", "/tmp/clover-gen/src/main/java/example/PriceCalculator.java");
    }

    @Test
    void istanbulCloverAgreesWithIstanbulCobertura()
    {
        CoverageReport clover = parse(ReportFormat.CLOVERXML, "cloverxml/istanbul-clover.xml");
        CoverageReport cobertura = parse(ReportFormat.COBERTURAXML, "coberturaxml/istanbul-cobertura-coverage.xml");

        assertThat(clover.linesCovered()).isEqualTo(attribute("cloverxml/istanbul-clover.xml", "<project", "coveredstatements")).isEqualTo(16);
        assertThat(clover.branchesCovered() + clover.branchesMissed()).isEqualTo(attribute("cloverxml/istanbul-clover.xml", "<project", "conditionals")).isEqualTo(21);
        assertThat(clover.lineCoverage()).isEqualTo(cobertura.lineCoverage());
        assertThat(clover.branchCoverage()).isEqualTo(cobertura.branchCoverage());
    }

    @Test
    void simplecovResultSetMatchesWhatSimpleCovPrinted()
    {
        // SimpleCov printed "19 / 26 LOC (73.08%) covered" for this run; branches counted from the file: 5 of 15 taken.
        CoverageReport report = parse(ReportFormat.SIMPLECOV, "simplecov/resultset.json");

        assertThat(report.linesCovered()).isEqualTo(19);
        assertThat(report.linesMissed()).isEqualTo(7);
        assertThat(report.lineCoverage()).hasValueCloseTo(73.08, offset(0.005));
        assertThat(report.branchesCovered()).isEqualTo(5);
        assertThat(report.branchesMissed()).isEqualTo(10);
        assertThat(report.files()).extracting(FileCoverage::path).allSatisfy(path -> assertThat(path).endsWith(".rb")).hasSize(2);
    }

    @Test
    void simplecovJsonFormatterOutputSkipsIgnoredLines()
    {
        CoverageReport report = parse(ReportFormat.SIMPLECOV, "simplecov/simplecov_json_formatter-sample_with_branch.json");

        // Ten relevant lines, one of them (line 14) never run; five "ignored" lines do not count; one of two branches taken.
        assertThat(report.files()).containsExactly(new FileCoverage("/gem/spec/fixtures/sample.rb", 9, 1, 1, 1));
        assertThat(report.lineCoverage()).hasValue(90.0);
        assertThat(report.branchCoverage()).hasValue(50.0);
    }

    @Test
    void theSameSourceFileInTwoReportsIsMergedLineByLineNotCountedTwice()
    {
        CoverageReport once = parse(ReportFormat.COBERTURAXML, "coberturaxml/coveragepy-coverage.xml");
        CoverageReport twice = parse(ReportFormat.COBERTURAXML, "coberturaxml/coveragepy-coverage.xml", "coberturaxml/coveragepy-coverage.xml");

        assertThat(twice.files()).isEqualTo(once.files());
    }

    @Test
    void reportsOfDifferentSourceFilesAddUp()
    {
        CoverageReport merged = parse(ReportFormat.COBERTURAXML, "coberturaxml/coveragepy-coverage.xml", "coberturaxml/istanbul-cobertura-coverage.xml");

        assertThat(merged.files()).hasSize(3);
        assertThat(merged.linesCovered()).isEqualTo(23 + 16);
        assertThat(merged.linesCovered() + merged.linesMissed()).isEqualTo(30 + 22);
        assertThat(merged.branchesCovered()).isEqualTo(8 + 14);
    }

    private CoverageReport parse(ReportFormat format, String... names)
    {
        Report report = parsers.parse(format, Arrays.stream(names).map(ReportSamples::sample).toList());
        assertThat(report).isInstanceOf(CoverageReport.class);
        assertThat(report.problems()).isEmpty();
        assertThat(report.status()).isEqualTo(ReportStatus.SUCCEEDED);
        return (CoverageReport) report;
    }
}
