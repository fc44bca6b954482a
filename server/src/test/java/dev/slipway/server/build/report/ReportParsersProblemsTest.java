package dev.slipway.server.build.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.slipway.server.build.report.ReportSamples.read;
import static dev.slipway.server.build.report.ReportSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files that cannot be read never throw: they are left out and named. The broken inputs here are derived from the
 * real samples (cut, corrupted) or written inline; each says how.
 */
class ReportParsersProblemsTest
{
    private final ReportParsers parsers = new ReportParsers();

    @TempDir
    Path directory;

    @Test
    void noFilesMakesAnIncompleteReportThatSaysSo()
    {
        Report report = parsers.parse(ReportFormat.JUNITXML, List.of());

        assertThat(report.status()).isEqualTo(ReportStatus.INCOMPLETE);
        assertThat(report.problems()).singleElement().satisfies(problem -> assertThat(problem.message()).contains("no report files were found"));
    }

    @Test
    void anEmptyFileIsNamed()
            throws IOException
    {
        Path empty = Files.createFile(directory.resolve("TEST-empty.xml"));

        Report report = parsers.parse(ReportFormat.JUNITXML, List.of(empty));

        assertThat(report.status()).isEqualTo(ReportStatus.FAILED);
        assertThat(report.problems()).singleElement().hasToString(empty + ": the file is empty");
    }

    @Test
    void aMissingFileAndADirectoryAreNamed()
            throws IOException
    {
        Path missing = directory.resolve("missing.xml");
        Path folder = Files.createDirectory(directory.resolve("folder.xml"));

        Report report = parsers.parse(ReportFormat.JACOCOXML, List.of(missing, folder));

        assertThat(report.status()).isEqualTo(ReportStatus.FAILED);
        assertThat(report.problems()).extracting(ReportProblem::toString)
                .containsExactly(missing + ": no such file", folder + ": is a directory, not a report file");
    }

    @Test
    void aTruncatedFileIsLeftOutWholeAndTheOthersStillCount()
            throws IOException
    {
        // Surefire's file for InventoryTest, cut after its fifth test case as a killed build would leave it.
        String text = read("junitxml/surefire/TEST-example.InventoryTest.xml");
        int cut = text.indexOf("<testcase name=\"describesLowStock\"");
        Path truncated = write("TEST-truncated.xml", text.substring(0, cut));
        int lines = (int) text.substring(0, cut).lines().count();

        Report report = parsers.parse(ReportFormat.JUNITXML, List.of(truncated, sample("junitxml/surefire/TEST-example.PriceCalculatorTest.xml")));

        assertThat(report.status()).isEqualTo(ReportStatus.INCOMPLETE);
        assertThat(((TestReport) report).total()).isEqualTo(3);
        ReportProblem problem = report.problems().get(0);
        assertThat(problem.file()).isEqualTo(truncated.toString());
        assertThat(problem.line()).isEqualTo(OptionalInt.of(lines));
        assertThat(problem.message()).startsWith("not well-formed XML: ").contains("XML document structures must start and end within the same entity");
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void binaryGarbageFailsTheReportWithoutThrowing(ReportFormat format)
            throws IOException
    {
        byte[] garbage = new byte[64 * 1024];
        new Random(format.ordinal()).nextBytes(garbage);
        Path file = Files.write(directory.resolve("garbage.bin"), garbage);

        Report report = parsers.parse(format, List.of(file));

        assertThat(report.status()).isEqualTo(ReportStatus.FAILED);
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(file.toString());
            assertThat(problem.message()).startsWith(format == ReportFormat.CUCUMBERJSON || format == ReportFormat.SIMPLECOV ? "not valid JSON" : "not well-formed XML");
        });
    }

    @Test
    void aFileOfAnotherFormatNamesTheFormatThatWouldHaveWorked()
    {
        Report report = parsers.parse(ReportFormat.JUNITXML, List.of(sample("testngxml/testng-results.xml")));

        assertThat(report.status()).isEqualTo(ReportStatus.FAILED);
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(OptionalInt.of(2));
            assertThat(problem.message()).isEqualTo("not JUNITXML: the root element is <testng-results>, expected <testsuites> or <testsuite>; "
                    + "the file looks like TESTNGXML, so file-format: TESTNGXML may be what was meant");
        });
    }

    @Test
    void aCoverageNumberThatIsNotACountLeavesTheFileOutAtItsLine()
            throws IOException
    {
        // coverage.py's file with the hits of line 9 of the source corrupted.
        String text = read("coberturaxml/coveragepy-coverage.xml").replace("<line number=\"9\" hits=\"1\"", "<line number=\"9\" hits=\"lots\"");
        Path corrupted = write("coverage.xml", text);
        int line = (int) text.substring(0, text.indexOf("hits=\"lots\"")).lines().count();

        Report report = parsers.parse(ReportFormat.COBERTURAXML, List.of(corrupted, sample("coberturaxml/istanbul-cobertura-coverage.xml")));

        assertThat(report.status()).isEqualTo(ReportStatus.INCOMPLETE);
        assertThat(((CoverageReport) report).files()).extracting(FileCoverage::path).containsExactly("src/inventory.js", "src/shipping.js");
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(OptionalInt.of(line));
            assertThat(problem.message()).isEqualTo("<line> hits=\"lots\" is not a count (a whole number, 0 or more)");
        });
    }

    @Test
    void truncatedCucumberJsonIsNamedWithItsLine()
            throws IOException
    {
        String text = read("cucumberjson/cucumber.json");
        Path truncated = write("cucumber.json", text.substring(0, text.length() / 2));

        Report report = parsers.parse(ReportFormat.CUCUMBERJSON, List.of(truncated));

        assertThat(report.status()).isEqualTo(ReportStatus.FAILED);
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isPresent();
            assertThat(problem.message()).startsWith("not valid JSON: Unexpected end-of-input");
        });
    }

    @Test
    void cucumberJsonThatIsNotAnArrayOfFeaturesIsRefused()
    {
        Report report = parsers.parse(ReportFormat.CUCUMBERJSON, List.of(sample("simplecov/resultset.json")));

        assertThat(report.problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).isEqualTo("not CUCUMBERJSON: expected an array of features, found an object"));
    }

    @Test
    void theSimplecovJsonGemsFormatIsRefusedWithTheFileToUseInstead()
            throws IOException
    {
        // The shape the third-party simplecov-json gem writes (its README's example), which CodeBuild does not accept.
        Path file = write("coverage.json", """
                {"timestamp":1700000000,"command_name":"RSpec","files":[{"filename":"/app/a.rb","covered_percent":50.0,"coverage":[1,0]}],
                 "metrics":{"covered_percent":50.0,"covered_strength":0.5,"covered_lines":1,"total_lines":2}}
                """);

        Report report = parsers.parse(ReportFormat.SIMPLECOV, List.of(file));

        assertThat(report.status()).isEqualTo(ReportStatus.FAILED);
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(OptionalInt.of(1));
            assertThat(problem.message()).contains("simplecov-json gem's format", "coverage/.resultset.json");
        });
    }

    @Test
    void timesWrittenWithThousandsSeparatorsOrADecimalCommaAreRead()
            throws IOException
    {
        // Surefire's InventoryTest file with two times rewritten: Surefire 2.x grouped thousands, some locales use a comma.
        String text = read("junitxml/surefire/TEST-example.InventoryTest.xml")
                .replace("name=\"removingUnknownItemThrows\" classname=\"example.InventoryTest\" time=\"0.059\"",
                        "name=\"removingUnknownItemThrows\" classname=\"example.InventoryTest\" time=\"1,024.612\"")
                .replace("name=\"addedItemsAreCounted\" classname=\"example.InventoryTest\" time=\"0.018\"",
                        "name=\"addedItemsAreCounted\" classname=\"example.InventoryTest\" time=\"0,5\"");
        assertThat(text).contains("time=\"1,024.612\"", "time=\"0,5\"");

        TestReport report = (TestReport) parsers.parse(ReportFormat.JUNITXML, List.of(write("TEST-times.xml", text)));

        assertThat(report.cases()).filteredOn(testCase -> testCase.name().equals("removingUnknownItemThrows"))
                .singleElement().extracting(TestCase::duration).isEqualTo(Duration.ofMillis(1_024_612));
        assertThat(report.cases()).filteredOn(testCase -> testCase.name().equals("addedItemsAreCounted"))
                .singleElement().extracting(TestCase::duration).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void hugeFailureTextIsCutAndSaysHowMuchWasCut()
            throws IOException
    {
        // jest-junit's file with its failure text replaced by 200,000 characters.
        String text = read("junitxml/jest-junit.xml");
        int start = text.indexOf("<failure>") + "<failure>".length();
        int end = text.indexOf("</failure>");
        String huge = "Error: boom\n" + "x".repeat(200_000);
        Path file = write("jest-junit.xml", text.substring(0, start) + huge + text.substring(end));

        TestReport report = (TestReport) parsers.parse(ReportFormat.JUNITXML, List.of(file));

        TestCase failed = report.cases().stream().filter(testCase -> testCase.status() == TestStatus.FAILED).findFirst().orElseThrow();
        assertThat(failed.message()).hasValue("Error: boom");
        assertThat(failed.details()).hasValueSatisfying(details -> {
            assertThat(details).startsWith("Error: boom\nxxxx");
            assertThat(details).endsWith("\n[" + (huge.length() - TestCase.MAX_DETAILS_LENGTH) + " more characters not shown]");
            assertThat(details.length()).isLessThan(TestCase.MAX_DETAILS_LENGTH + 50);
        });
    }

    private Path write(String name, String text)
            throws IOException
    {
        return Files.writeString(directory.resolve(name), text, StandardCharsets.UTF_8);
    }
}
