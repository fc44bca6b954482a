package dev.slipway.server.build.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Every test format against the real files of SOURCES.md; the figures are those of the files. */
class TestReportSamplesTest
{
    private final ReportParsers parsers = new ReportParsers();

    @Test
    void surefireReportsOfTwoClassesMergeIntoOneReport()
    {
        TestReport report = parse(ReportFormat.JUNITXML,
                "junitxml/surefire/TEST-example.InventoryTest.xml", "junitxml/surefire/TEST-example.PriceCalculatorTest.xml");

        assertThat(report.status()).isEqualTo(ReportStatus.FAILED);
        assertThat(report.problems()).isEmpty();
        assertThat(report.counts()).isEqualTo(counts(9, 1, 1, 1, 0));
        assertThat(report.suites()).extracting(TestSuiteSummary::name, TestSuiteSummary::total)
                .containsExactly(tuple("example.InventoryTest", 9), tuple("example.PriceCalculatorTest", 3));
        // Case times of the two files: 0.059 + 0.018 + 0.015 + 0.003 + 0.003 + 0.008 + 0 + 0.003 + 0.002, and 0.001 + 0.001 + 0.008.
        assertThat(report.duration()).isEqualTo(Duration.ofMillis(111 + 10));

        TestCase failed = find(report, "describesLowStock");
        assertThat(failed.status()).isEqualTo(TestStatus.FAILED);
        assertThat(failed.suite()).isEqualTo("example.InventoryTest");
        assertThat(failed.className()).contains("example.InventoryTest");
        assertThat(failed.message()).contains("expected: <plum: 2> but was: <plum: low (2)>");
        assertThat(failed.details()).hasValueSatisfying(details -> assertThat(details)
                .startsWith("org.opentest4j.AssertionFailedError: expected: <plum: 2> but was: <plum: low (2)>")
                .contains("at example.InventoryTest.describesLowStock(InventoryTest.java:"));
        assertThat(failed.duration()).isEqualTo(Duration.ofMillis(8));

        TestCase error = find(report, "removingUnknownItemThrows");
        assertThat(error.status()).isEqualTo(TestStatus.ERROR);
        assertThat(error.message()).contains("For input string: \"many\"");

        assertThat(find(report, "importsCsv").status()).isEqualTo(TestStatus.SKIPPED);
        assertThat(find(report, "importsCsv").message()).contains("waiting for bulk import");
        assertThat(find(report, "describesOutOfStock").className()).contains("example.InventoryTest$WhenEmpty");
    }

    @Test
    void pytestCountsXfailAsSkippedAndFixtureFailuresAsErrors()
    {
        TestReport report = parse(ReportFormat.JUNITXML, "junitxml/pytest-junit.xml");

        assertThat(report.counts()).isEqualTo(counts(6, 1, 1, 2, 0));
        assertThat(report.suites()).extracting(TestSuiteSummary::name).containsExactly("pytest");
        TestCase failed = find(report, "test_describes_low_stock");
        assertThat(failed.className()).contains("tests.test_inventory");
        assertThat(failed.message()).hasValue("AssertionError: assert 'plum: low (2)' == 'plum: 2'\n  - plum: 2\n  + plum: low (2)");
        assertThat(failed.details()).hasValueSatisfying(details -> assertThat(details).contains("tests/test_inventory.py:25: AssertionError"));
        assertThat(find(report, "test_catalogue_lists_apples").status()).isEqualTo(TestStatus.ERROR);
        assertThat(find(report, "test_catalogue_lists_apples").message()).contains("failed on setup with \"RuntimeError: catalogue service unavailable\"");
        assertThat(find(report, "test_free_shipping_at_exactly_fifty_euros").status()).isEqualTo(TestStatus.SKIPPED);
        assertThat(find(report, "test_germany").className()).contains("tests.test_inventory.TestShipping");
    }

    @Test
    void jestJunitFailureWithoutMessageAttributeTakesTheFirstLineOfItsText()
    {
        TestReport report = parse(ReportFormat.JUNITXML, "junitxml/jest-junit.xml");

        assertThat(report.counts()).isEqualTo(counts(7, 1, 0, 1, 0));
        TestCase failed = find(report, "Inventory describes low stock");
        assertThat(failed.suite()).isEqualTo("Inventory");
        assertThat(failed.message()).contains("Error: expect(received).toBe(expected) // Object.is equality");
        assertThat(failed.details()).hasValueSatisfying(details -> assertThat(details).contains("Received: \"plum: low (2)\""));
    }

    @Test
    void phpunitNestedSuitesNameTheInnermostSuite()
    {
        TestReport report = parse(ReportFormat.JUNITXML, "junitxml/phpunit-nested.xml");

        assertThat(report.counts()).isEqualTo(counts(10, 2, 0, 0, 0));
        assertThat(report.suites()).extracting(TestSuiteSummary::name, TestSuiteSummary::total).containsExactly(
                tuple("CLI Arguments", 2),
                tuple("PHPUnit\\Event\\CollectingDispatcherTest", 2),
                tuple("PHPUnit\\Event\\DeferringDispatcherTest", 4),
                tuple("PHPUnit\\Event\\DirectDispatcherTest", 4));
        TestCase failed = find(report, "targeting-traits-with-usesclass-attribute-is-deprecated.phpt");
        assertThat(failed.message()).hasValue("targeting-traits-with-usesclass-attribute-is-deprecated.phptFailed asserting that string matches format description.");
        assertThat(failed.file()).hasValue("/home/matteo/OSS/phpunit/tests/end-to-end/metadata/targeting-traits-with-usesclass-attribute-is-deprecated.phpt");
        assertThat(find(report, "testFlushesCollectedEvents").file())
                .hasValue("/home/matteo/OSS/phpunit/tests/unit/Event/Dispatcher/DeferringDispatcherTest.php:35");
    }

    @Test
    void nunit2ConsoleResultsWithInconclusiveAsUnknown()
    {
        TestReport report = parse(ReportFormat.NUNITXML, "nunitxml/nunit2-console-TestResult.xml");

        assertThat(report.status()).isEqualTo(ReportStatus.FAILED);
        // The file's own totals: total="6" errors="1" failures="1" inconclusive="1" ignored="1"; NUnit 2 leaves the ignored case out of total.
        assertThat(report.counts()).isEqualTo(counts(3, 1, 1, 1, 1));
        TestCase failed = find(report, "DescribesLowStock");
        assertThat(failed.suite()).isEqualTo("Example.InventoryTests");
        assertThat(failed.message()).hasValueSatisfying(message -> assertThat(message)
                .startsWith("Expected string length 7 but was 13. Strings differ at index 6.")
                .contains("But was:  \"plum: low (2)\""));
        assertThat(failed.details()).hasValueSatisfying(details -> assertThat(details).startsWith("at Example.InventoryTests.DescribesLowStock ()"));
        assertThat(find(report, "ParsesQuantity").status()).isEqualTo(TestStatus.ERROR);
        assertThat(find(report, "ExportsCsv").status()).isEqualTo(TestStatus.UNKNOWN);
        assertThat(find(report, "ImportsCsv").message()).hasValue("waiting for bulk import");
        assertThat(report.cases()).extracting(TestCase::name).contains("RejectsNonPositiveQuantities(0)", "RejectsNonPositiveQuantities(-1)");
    }

    @Test
    void nunit3ConsoleResultsSeparateErrorsFromFailuresByLabel()
    {
        TestReport report = parse(ReportFormat.NUNIT3XML, "nunit3xml/nunit3-console-dotnet-nunit.xml");

        // The file: total="9" passed="3" failed="5" skipped="1", two of the failures labelled Error.
        assertThat(report.counts()).isEqualTo(counts(3, 3, 2, 1, 0));
        assertThat(find(report, "Exception_In_TargetTest").status()).isEqualTo(TestStatus.ERROR);
        assertThat(find(report, "Exception_In_TargetTest").message()).hasValue("System.DivideByZeroException : Attempted to divide by zero.");
        TestCase failed = find(report, "Failing_Test");
        assertThat(failed.status()).isEqualTo(TestStatus.FAILED);
        assertThat(failed.suite()).isEqualTo("DotnetTests.XUnitTests.CalculatorTests");
        assertThat(failed.message()).hasValue("Expected: 3\n  But was:  2");
        assertThat(failed.duration()).isEqualTo(Duration.ofNanos(28_162_000));
        assertThat(find(report, "Timeout_Test").message()).hasValue("Test exceeded Timeout value 1ms.");
        assertThat(find(report, "Is_Even_Number(3)").status()).isEqualTo(TestStatus.FAILED);
    }

    @Test
    void nunit3FileNamedAsNunitXmlIsStillRead()
    {
        TestReport report = parse(ReportFormat.NUNITXML, "nunit3xml/nunit3-console-dotnet-nunit.xml");

        assertThat(report.problems()).isEmpty();
        assertThat(report.total()).isEqualTo(9);
    }

    @Test
    void testngResultsNameDataProviderCallsByTheirParameters()
    {
        TestReport report = parse(ReportFormat.TESTNGXML, "testngxml/testng-results.xml");

        // The file: total="8" passed="4" failed="2" skipped="1" ignored="1"; the ignored (disabled) method has no entry.
        assertThat(report.counts()).isEqualTo(counts(4, 2, 0, 1, 0));
        TestCase failed = find(report, "membersPayFullPriceBelowTenItems");
        assertThat(failed.suite()).isEqualTo("example.PriceCalculatorTest");
        assertThat(failed.message()).hasValue("discount below ten items expected [8100] but found [9000]");
        assertThat(failed.details()).hasValueSatisfying(details -> assertThat(details).startsWith("java.lang.AssertionError: discount below ten items"));
        assertThat(failed.duration()).isEqualTo(Duration.ofMillis(9));
        assertThat(report.cases()).extracting(TestCase::name)
                .contains("shippingByCountry(NL, 6000, 0)", "shippingByCountry(DE, 6000, 695)", "shippingByCountry(US, 100, 1995)");
        assertThat(find(report, "shippingQuoteIsCached").status()).isEqualTo(TestStatus.SKIPPED);
        assertThat(find(report, "shippingQuoteIsCached").message()).hasValueSatisfying(message -> assertThat(message).contains("depends on not successfully finished methods"));
    }

    @Test
    void cucumberScenarioStatusComesFromItsSteps()
    {
        TestReport report = parse(ReportFormat.CUCUMBERJSON, "cucumberjson/cucumber.json");

        assertThat(report.suites()).extracting(TestSuiteSummary::name).containsExactly("Inventory");
        assertThat(report.cases()).extracting(TestCase::name, TestCase::status, TestCase::file).containsExactly(
                tuple("Removing part of the stock", TestStatus.SUCCEEDED, Optional.of("classpath:example/inventory.feature:7")),
                tuple("Removing more than is in stock", TestStatus.SUCCEEDED, Optional.of("classpath:example/inventory.feature:12")),
                tuple("Describing stock levels", TestStatus.SUCCEEDED, Optional.of("classpath:example/inventory.feature:24")),
                tuple("Describing stock levels", TestStatus.FAILED, Optional.of("classpath:example/inventory.feature:25")),
                tuple("Importing the catalogue", TestStatus.SKIPPED, Optional.of("classpath:example/inventory.feature:27")),
                tuple("Counting crates", TestStatus.FAILED, Optional.of("classpath:example/inventory.feature:31")));
        assertThat(report.cases().get(3).message()).hasValueSatisfying(message -> assertThat(message)
                .startsWith("step 'Then the description is \"plums: 2\"' (line 20) failed: org.opentest4j.AssertionFailedError: expected: <plums: 2> but was: <plums: low (2)>"));
        assertThat(report.cases().get(4).message()).hasValueSatisfying(message -> assertThat(message)
                .isEqualTo("step 'When I import the supplier catalogue' (line 28) is pending: io.cucumber.java.PendingException: catalogue import is not written yet"));
        assertThat(report.cases().get(5).message()).hasValue("step 'Given 3 crates of figs in stock' (line 32) is undefined");
        // Background step durations count towards each scenario: the sum of every step's nanoseconds in the file.
        assertThat(report.duration()).isEqualTo(Duration.ofNanos(cucumberStepNanos()));
    }

    @Test
    void trxResultsTakeTheirClassFromTheTestDefinitions()
    {
        TestReport report = parse(ReportFormat.VISUALSTUDIOTRX, "visualstudiotrx/dotnet-xunit.trx");

        // The file's counters: total="7" passed="3" failed="3"; the NotExecuted one is skipped.
        assertThat(report.counts()).isEqualTo(counts(3, 3, 0, 1, 0));
        assertThat(report.suites()).extracting(TestSuiteSummary::name).containsExactly("DotnetTests.XUnitTests.CalculatorTests");
        TestCase failed = find(report, "Failing_Test");
        assertThat(failed.message()).hasValue("Assert.Equal() Failure\nExpected: 3\nActual:   2");
        assertThat(failed.details()).hasValueSatisfying(details -> assertThat(details).startsWith("at DotnetTests.XUnitTests.CalculatorTests.Failing_Test() in C:\\"));
        assertThat(failed.duration()).isEqualTo(Duration.ofNanos(3_295_300));
        assertThat(find(report, "Custom Name").className()).contains("DotnetTests.XUnitTests.CalculatorTests");
        assertThat(find(report, "Skipped_Test").status()).isEqualTo(TestStatus.SKIPPED);
        assertThat(report.duration()).isEqualTo(Duration.ofNanos(1_000_000 + 3_295_300 + 102_282_100 + 103_000 + 2_272_800 + 497_500 + 125_400));
    }

    @Test
    void reportsOfDifferentToolsMergeWithTheirSuitesKeptApart()
    {
        TestReport report = parse(ReportFormat.JUNITXML, "junitxml/pytest-junit.xml", "junitxml/jest-junit.xml", "junitxml/phpunit-nested.xml");

        assertThat(report.total()).isEqualTo(10 + 9 + 12);
        assertThat(report.count(TestStatus.FAILED)).isEqualTo(1 + 1 + 2);
        assertThat(report.suites()).extracting(TestSuiteSummary::name).startsWith("pytest", "Inventory", "CLI Arguments");
        assertThat(report.truncated()).isFalse();
    }

    private TestReport parse(ReportFormat format, String... names)
    {
        Report report = parsers.parse(format, java.util.Arrays.stream(names).map(ReportSamples::sample).toList());
        assertThat(report).isInstanceOf(TestReport.class);
        assertThat(report.problems()).isEmpty();
        assertThat(report.format()).isEqualTo(format);
        return (TestReport) report;
    }

    private static TestCase find(TestReport report, String name)
    {
        List<TestCase> found = report.cases().stream().filter(testCase -> testCase.name().equals(name)).toList();
        assertThat(found).as("cases named " + name).hasSize(1);
        return found.get(0);
    }

    private static Map<TestStatus, Integer> counts(int succeeded, int failed, int error, int skipped, int unknown)
    {
        return Map.of(TestStatus.SUCCEEDED, succeeded, TestStatus.FAILED, failed, TestStatus.ERROR, error, TestStatus.SKIPPED, skipped, TestStatus.UNKNOWN, unknown);
    }

    private static long cucumberStepNanos()
    {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"duration\"\\s*:\\s*(\\d+)").matcher(ReportSamples.read("cucumberjson/cucumber.json"));
        long total = 0;
        while (matcher.find()) {
            total += Long.parseLong(matcher.group(1));
        }
        return total;
    }
}
