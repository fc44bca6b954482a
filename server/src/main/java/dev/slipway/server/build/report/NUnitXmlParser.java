package dev.slipway.server.build.report;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import static dev.slipway.server.build.report.SafeXml.attribute;

/**
 * NUnit's result files: NUnit 2 ({@code <test-results>}, NUNITXML) and NUnit 3 ({@code <test-run>}, NUNIT3XML).
 * Either root is read whichever of the two formats a report group names, since the versions are easy to confuse
 * and the root says which one a file is. Suites nest freely; only {@code <test-case>} elements are cases.
 */
final class NUnitXmlParser
        implements TestResultsParser
{
    private final ReportFormat format;

    NUnitXmlParser(ReportFormat format)
    {
        this.format = format;
    }

    @Override
    public void parse(InputStream in, TestResultsCollector results)
            throws XMLStreamException, ReportFileException
    {
        XMLStreamReader reader = SafeXml.open(in);
        try {
            String root = SafeXml.root(reader);
            boolean version3 = root.equals("test-run") || root.equals("test-suite");
            if (!version3 && !root.equals("test-results")) {
                throw SafeXml.problem(reader, Formats.wrongRoot(format, root, "<test-results> (NUnit 2) or <test-run> (NUnit 3)"));
            }
            Deque<String> fixtures = new ArrayDeque<>();
            Deque<Boolean> fixtureLevels = new ArrayDeque<>();
            if (root.equals("test-suite")) {
                enterSuite(reader, fixtures, fixtureLevels);
            }
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "test-suite" -> enterSuite(reader, fixtures, fixtureLevels);
                        case "results" -> {
                            // NUnit 2 wraps a suite's children in <results>; just descend.
                        }
                        case "test-case" -> readCase(reader, version3, fixtures.peek(), results);
                        default -> SafeXml.skip(reader);
                    }
                }
                else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("test-suite")) {
                    if (fixtureLevels.pop()) {
                        fixtures.pop();
                    }
                }
            }
        }
        finally {
            reader.close();
        }
    }

    private static void enterSuite(XMLStreamReader reader, Deque<String> fixtures, Deque<Boolean> fixtureLevels)
    {
        String type = attribute(reader, "type");
        boolean fixture = type.equals("TestFixture") || type.equals("GenericFixture");
        if (fixture) {
            fixtures.push(Formats.firstNonBlank(attribute(reader, "fullname"), attribute(reader, "classname"), attribute(reader, "name")));
        }
        fixtureLevels.push(fixture);
    }

    private static void readCase(XMLStreamReader reader, boolean version3, String fixture, TestResultsCollector results)
            throws XMLStreamException
    {
        String name = attribute(reader, "name");
        String className = attribute(reader, "classname");
        String result = attribute(reader, "result");
        String label = attribute(reader, "label");
        String executed = attribute(reader, "executed");
        String success = attribute(reader, "success");
        Duration duration = Durations.seconds(attribute(reader, version3 ? "duration" : "time"));

        String message = "";
        String details = "";
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
            else if (event == XMLStreamConstants.START_ELEMENT) {
                switch (reader.getLocalName()) {
                    case "failure", "reason" -> depth++;
                    case "message" -> message = SafeXml.text(reader, TestCase.MAX_MESSAGE_LENGTH);
                    case "stack-trace" -> details = SafeXml.text(reader, TestCase.MAX_DETAILS_LENGTH);
                    default -> SafeXml.skip(reader);
                }
            }
        }

        TestStatus status = version3 ? version3Status(result, label) : version2Status(result, executed, success);
        if (message.isBlank() && !label.isEmpty() && !isStandardLabel(label)) {
            // NUnit 3 puts some reasons only in the label, e.g. "Test exceeded Timeout value 1ms.".
            message = label;
        }
        if (version3) {
            String suite = Formats.firstNonBlank(className, fixture, "(no suite)");
            results.add(suite, className, name, status, duration, message, details, "");
        }
        else {
            // NUnit 2 names a case by its full name, "Namespace.Fixture.Method(arguments)".
            int arguments = name.indexOf('(');
            int dot = name.lastIndexOf('.', arguments < 0 ? name.length() : arguments);
            String fullClass = dot < 0 ? Formats.firstNonBlank(fixture, "") : name.substring(0, dot);
            String shortName = dot < 0 ? name : name.substring(dot + 1);
            results.add(Formats.firstNonBlank(fullClass, "(no suite)"), fullClass, shortName, status, duration, message, details, "");
        }
    }

    private static TestStatus version3Status(String result, String label)
    {
        return switch (result) {
            case "Passed", "Warning" -> TestStatus.SUCCEEDED;
            case "Failed" -> switch (label) {
                case "Error", "Invalid", "Cancelled" -> TestStatus.ERROR;
                default -> TestStatus.FAILED;
            };
            case "Skipped" -> TestStatus.SKIPPED;
            default -> TestStatus.UNKNOWN;
        };
    }

    private static TestStatus version2Status(String result, String executed, String success)
    {
        return switch (result) {
            case "Success" -> TestStatus.SUCCEEDED;
            case "Failure" -> TestStatus.FAILED;
            case "Error", "NotRunnable" -> TestStatus.ERROR;
            case "Ignored", "Skipped" -> TestStatus.SKIPPED;
            // NUnit 2.2 and older write no result, only executed and success.
            case "" -> executed.equalsIgnoreCase("false")
                    ? TestStatus.SKIPPED
                    : success.equalsIgnoreCase("true") ? TestStatus.SUCCEEDED : success.isEmpty() ? TestStatus.UNKNOWN : TestStatus.FAILED;
            default -> TestStatus.UNKNOWN;
        };
    }

    private static boolean isStandardLabel(String label)
    {
        return switch (label) {
            case "Error", "Invalid", "Cancelled", "Ignored", "Explicit", "Inconclusive" -> true;
            default -> false;
        };
    }
}
