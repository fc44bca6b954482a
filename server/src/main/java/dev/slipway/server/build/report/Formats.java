package dev.slipway.server.build.report;

import java.util.Map;

/** Text helpers shared by the format parsers. */
final class Formats
{
    // What a root element says about the file, for a message that names the file-format that would have worked.
    private static final Map<String, ReportFormat> ROOTS = Map.of(
            "testsuites", ReportFormat.JUNITXML,
            "testsuite", ReportFormat.JUNITXML,
            "test-results", ReportFormat.NUNITXML,
            "test-run", ReportFormat.NUNIT3XML,
            "testng-results", ReportFormat.TESTNGXML,
            "TestRun", ReportFormat.VISUALSTUDIOTRX,
            "report", ReportFormat.JACOCOXML);

    private Formats() {}

    static String wrongRoot(ReportFormat expected, String root, String wanted)
    {
        String message = "not " + expected + ": the root element is <" + root + ">, expected " + wanted;
        ReportFormat likely = ROOTS.get(root);
        if (likely != null && likely != expected) {
            return message + "; the file looks like " + likely + ", so file-format: " + likely + " may be what was meant";
        }
        if (root.equals("coverage")) {
            return message + "; the file looks like coverage (COBERTURAXML or CLOVERXML), not test results";
        }
        return message;
    }

    static String firstNonBlank(String... values)
    {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    static String firstLine(String text)
    {
        for (String line : text.split("\n", 20)) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "";
    }
}
