package dev.slipway.server.build.report;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import static dev.slipway.server.build.report.SafeXml.attribute;

/**
 * TestNG's {@code testng-results.xml}: suites, tests and classes hold {@code <test-method>} elements with status
 * PASS, FAIL or SKIP. Configuration methods ({@code is-config="true"}) are cases only when they fail, as ERROR, since
 * their failure is why the tests after them were skipped. Attempts that TestNG retried ({@code retried="true"}) are
 * left out; the final attempt counts. Data-provider calls are named with their parameters.
 */
final class TestNgXmlParser
        implements TestResultsParser
{
    private static final int MAX_PARAMETER_LENGTH = 100;

    @Override
    public void parse(InputStream in, TestResultsCollector results)
            throws XMLStreamException, ReportFileException
    {
        XMLStreamReader reader = SafeXml.open(in);
        try {
            String root = SafeXml.root(reader);
            if (!root.equals("testng-results")) {
                throw SafeXml.problem(reader, Formats.wrongRoot(ReportFormat.TESTNGXML, root, "<testng-results>"));
            }
            String className = "";
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "suite", "test" -> {
                            // Descend: classes are inside.
                        }
                        case "class" -> className = attribute(reader, "name");
                        case "test-method" -> readMethod(reader, className, results);
                        default -> SafeXml.skip(reader);
                    }
                }
            }
        }
        finally {
            reader.close();
        }
    }

    private static void readMethod(XMLStreamReader reader, String className, TestResultsCollector results)
            throws XMLStreamException
    {
        String name = attribute(reader, "name");
        String status = attribute(reader, "status");
        boolean config = attribute(reader, "is-config").equals("true");
        boolean retried = attribute(reader, "retried").equals("true");
        Duration duration = Durations.milliseconds(attribute(reader, "duration-ms"));

        String exception = "";
        String message = "";
        String details = "";
        List<String> parameters = new ArrayList<>();
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
            else if (event == XMLStreamConstants.START_ELEMENT) {
                switch (reader.getLocalName()) {
                    case "exception" -> {
                        exception = attribute(reader, "class");
                        depth++;
                    }
                    case "params", "param" -> depth++;
                    case "value" -> parameters.add(attribute(reader, "is-null").equals("true")
                            ? "null"
                            : LimitedText.cut(SafeXml.text(reader, MAX_PARAMETER_LENGTH).strip(), MAX_PARAMETER_LENGTH));
                    case "message" -> message = SafeXml.text(reader, TestCase.MAX_MESSAGE_LENGTH);
                    case "full-stacktrace" -> details = SafeXml.text(reader, TestCase.MAX_DETAILS_LENGTH);
                    default -> SafeXml.skip(reader);
                }
            }
        }
        if (retried || (config && !status.equals("FAIL"))) {
            return;
        }
        TestStatus testStatus = switch (status) {
            case "PASS" -> TestStatus.SUCCEEDED;
            case "FAIL" -> config ? TestStatus.ERROR : TestStatus.FAILED;
            case "SKIP" -> TestStatus.SKIPPED;
            default -> TestStatus.UNKNOWN;
        };
        String caseName = parameters.isEmpty() ? name : name + "(" + String.join(", ", parameters) + ")";
        if (config) {
            caseName = "[configuration] " + caseName;
        }
        String suite = className.isEmpty() ? "(no class)" : className;
        results.add(suite, className, caseName, testStatus, duration, Formats.firstNonBlank(message.strip(), exception), details, "");
    }
}
