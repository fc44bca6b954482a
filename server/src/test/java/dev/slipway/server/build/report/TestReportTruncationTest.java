package dev.slipway.server.build.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CodeBuild keeps 500 test cases per report, FAILED first. The inputs are JUnit XML written here with a known
 * number of passing and failing cases (the real samples have too few cases to reach the limit).
 */
class TestReportTruncationTest
{
    private final ReportParsers parsers = new ReportParsers();

    @TempDir
    Path directory;

    @Test
    void upToFiveHundredCasesNothingIsTruncated()
            throws IOException
    {
        TestReport report = parse(junit("TEST-a.xml", "a", 500, 0));

        assertThat(report.cases()).hasSize(500);
        assertThat(report.truncated()).isFalse();
        assertThat(report.status()).isEqualTo(ReportStatus.SUCCEEDED);
    }

    @Test
    void failuresAtTheEndOfALongFileAreKeptAndTheTotalsCountEverything()
            throws IOException
    {
        TestReport report = parse(junit("TEST-a.xml", "a", 600, 10));

        assertThat(report.truncated()).isTrue();
        assertThat(report.cases()).hasSize(TestReport.MAX_CASES);
        assertThat(report.total()).isEqualTo(610);
        assertThat(report.count(TestStatus.FAILED)).isEqualTo(10);
        assertThat(report.suites()).singleElement().satisfies(suite -> assertThat(suite.total()).isEqualTo(610));
        assertThat(report.cases()).filteredOn(testCase -> testCase.status() == TestStatus.FAILED).hasSize(10);
        // The passing cases kept are the first 490, and file order is kept.
        assertThat(report.cases().subList(0, 490)).extracting(TestCase::name).isEqualTo(names("a-pass-", 0, 490));
        assertThat(report.cases().subList(490, 500)).extracting(TestCase::name).isEqualTo(names("a-fail-", 0, 10));
        assertThat(report.status()).isEqualTo(ReportStatus.FAILED);
    }

    @Test
    void truncationAcrossSeveralFilesStillKeepsEveryFailure()
            throws IOException
    {
        TestReport report = parse(
                junit("TEST-a.xml", "a", 300, 0),
                junit("TEST-b.xml", "b", 300, 0),
                junit("TEST-c.xml", "c", 100, 3));

        assertThat(report.total()).isEqualTo(703);
        assertThat(report.truncated()).isTrue();
        assertThat(report.cases()).hasSize(500);
        assertThat(report.cases()).filteredOn(testCase -> testCase.status() == TestStatus.FAILED).extracting(TestCase::name)
                .containsExactly("c-fail-0", "c-fail-1", "c-fail-2");
        assertThat(report.suites()).extracting(TestSuiteSummary::name, TestSuiteSummary::total)
                .containsExactly(org.assertj.core.api.Assertions.tuple("a", 300), org.assertj.core.api.Assertions.tuple("b", 300),
                        org.assertj.core.api.Assertions.tuple("c", 103));
    }

    @Test
    void withMoreThanFiveHundredFailuresTheFirstOnesAreKept()
            throws IOException
    {
        TestReport report = parse(junit("TEST-a.xml", "a", 5, 520));

        assertThat(report.cases()).hasSize(500).allSatisfy(testCase -> assertThat(testCase.status()).isEqualTo(TestStatus.FAILED));
        assertThat(report.cases().get(0).name()).isEqualTo("a-fail-0");
        assertThat(report.cases().get(499).name()).isEqualTo("a-fail-499");
    }

    private TestReport parse(Path... files)
    {
        return (TestReport) parsers.parse(ReportFormat.JUNITXML, List.of(files));
    }

    private Path junit(String file, String suite, int passing, int failing)
            throws IOException
    {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + suite + "\">\n");
        for (int i = 0; i < passing; i++) {
            xml.append("  <testcase name=\"").append(suite).append("-pass-").append(i).append("\" classname=\"").append(suite).append("\" time=\"0.001\"/>\n");
        }
        for (int i = 0; i < failing; i++) {
            xml.append("  <testcase name=\"").append(suite).append("-fail-").append(i).append("\" classname=\"").append(suite)
                    .append("\" time=\"0.002\"><failure message=\"expected ").append(i).append("\">trace</failure></testcase>\n");
        }
        xml.append("</testsuite>\n");
        return Files.writeString(directory.resolve(file), xml, StandardCharsets.UTF_8);
    }

    private static List<String> names(String prefix, int from, int to)
    {
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            names.add(prefix + i);
        }
        return names;
    }
}
