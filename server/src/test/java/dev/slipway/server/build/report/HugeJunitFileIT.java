package dev.slipway.server.build.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 100 MB JUnit XML file parses in a JVM whose heap is far smaller than the file: the parsers stream and bound what
 * they keep. The file is written here (150,000 cases, a 40 MB {@code system-out} in one CDATA section, a failure with
 * 20 MB of text); the parse runs in a child JVM with {@code -Xmx64m}, where reading the file into a String (two bytes
 * a character) could not even start.
 */
class HugeJunitFileIT
{
    private static final int PASSING = 150_000;
    private static final int FAILING = 20;

    @TempDir
    Path directory;

    @Test
    void aHundredMegabyteJunitFileParsesInSixtyFourMegabytesOfHeap()
            throws IOException, InterruptedException
    {
        Path file = directory.resolve("TEST-huge.xml");
        writeHugeReport(file);
        assertThat(Files.size(file)).isGreaterThanOrEqualTo(100L * 1024 * 1024);

        Path output = directory.resolve("child.out");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Child.class.getName(),
                file.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child JVM finished within two minutes").isTrue();
        }
        finally {
            child.destroyForcibly();
        }

        String printed = Files.readString(output);
        System.out.print(printed);
        assertThat(child.exitValue()).as(printed).isZero();
        assertThat(printed).contains("status=FAILED total=" + (PASSING + FAILING + 1) + " failed=" + FAILING + " error=1 cases=500 truncated=true problems=0");
        assertThat(printed).contains("error-details-length=" + (TestCase.MAX_DETAILS_LENGTH + ("\n[" + (20L * 1024 * 1024 - TestCase.MAX_DETAILS_LENGTH) + " more characters not shown]").length()));
    }

    private static void writeHugeReport(Path file)
            throws IOException
    {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite name=\"huge\" tests=\"" + (PASSING + FAILING + 1) + "\">\n");
            for (int i = 0; i < PASSING; i++) {
                out.write("  <testcase name=\"passes-" + i + "\" classname=\"example.HugeTest\" time=\"0.001\"/>\n");
                if (i == PASSING / 2) {
                    out.write("  <testcase name=\"errs\" classname=\"example.HugeTest\" time=\"1.5\"><error message=\"boom\">");
                    writeRepeated(out, 'e', 20 * 1024 * 1024);
                    out.write("</error></testcase>\n");
                }
            }
            for (int i = 0; i < FAILING; i++) {
                out.write("  <testcase name=\"fails-" + i + "\" classname=\"example.HugeTest\"><failure message=\"no\">trace</failure></testcase>\n");
            }
            out.write("  <system-out><![CDATA[");
            writeRepeated(out, 'o', 40 * 1024 * 1024);
            out.write("]]></system-out>\n</testsuite>\n");
            // Padding suite so that the file passes 100 MB whatever the exact case line length.
            out.write("<testsuite name=\"padding\"><system-err>");
            writeRepeated(out, 'p', 30 * 1024 * 1024);
            out.write("</system-err></testsuite>\n</testsuites>\n");
        }
    }

    private static void writeRepeated(BufferedWriter out, char character, int count)
            throws IOException
    {
        char[] chunk = new char[64 * 1024];
        java.util.Arrays.fill(chunk, character);
        for (int written = 0; written < count; written += chunk.length) {
            out.write(chunk, 0, Math.min(chunk.length, count - written));
        }
    }

    /** Runs in the child JVM: parses the file and prints what the test checks. */
    public static final class Child
    {
        private Child() {}

        public static void main(String[] args)
        {
            TestReport report = (TestReport) new ReportParsers().parse(ReportFormat.JUNITXML, List.of(Path.of(args[0])));
            TestCase error = report.cases().stream().filter(testCase -> testCase.status() == TestStatus.ERROR).findFirst().orElseThrow();
            System.out.println("status=" + report.status() + " total=" + report.total() + " failed=" + report.count(TestStatus.FAILED)
                    + " error=" + report.count(TestStatus.ERROR) + " cases=" + report.cases().size() + " truncated=" + report.truncated()
                    + " problems=" + report.problems().size() + " " + report.problems());
            System.out.println("error-details-length=" + error.details().orElseThrow().length());
            System.out.println("max-memory=" + Runtime.getRuntime().maxMemory() + " used=" + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()));
        }
    }
}
