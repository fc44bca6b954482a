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
 * JUnit XML in the shapes real tools write: Surefire (a bare {@code <testsuite>} per class), pytest and jest-junit
 * ({@code <testsuites>}), PHPUnit (suites nested in suites, cases directly in the outer suite). A case is FAILED with
 * a {@code <failure>}, ERROR with an {@code <error>}, SKIPPED with a {@code <skipped>}; Surefire's
 * {@code flakyFailure}/{@code rerunFailure} elements do not change the outcome its {@code failure} element gives.
 */
final class JUnitXmlParser
        implements TestResultsParser
{
    @Override
    public void parse(InputStream in, TestResultsCollector results)
            throws XMLStreamException, ReportFileException
    {
        XMLStreamReader reader = SafeXml.open(in);
        try {
            String root = SafeXml.root(reader);
            if (!root.equals("testsuites") && !root.equals("testsuite")) {
                throw SafeXml.problem(reader, Formats.wrongRoot(ReportFormat.JUNITXML, root, "<testsuites> or <testsuite>"));
            }
            Deque<Suite> suites = new ArrayDeque<>();
            if (root.equals("testsuite")) {
                suites.push(Suite.of(reader, null));
            }
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "testsuite" -> suites.push(Suite.of(reader, suites.peek()));
                        case "testcase" -> readCase(reader, suites.peek(), results);
                        default -> SafeXml.skip(reader);
                    }
                }
                else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("testsuite")) {
                    suites.pop();
                }
            }
        }
        finally {
            reader.close();
        }
    }

    private static void readCase(XMLStreamReader reader, Suite suite, TestResultsCollector results)
            throws XMLStreamException
    {
        String name = attribute(reader, "name");
        String className = attribute(reader, "classname");
        Duration duration = Durations.seconds(attribute(reader, "time"));
        String file = attribute(reader, "file");
        String line = attribute(reader, "line");
        if (file.isEmpty() && suite != null) {
            file = suite.file();
        }
        else if (!file.isEmpty() && !line.isEmpty()) {
            file = file + ":" + line;
        }

        TestStatus status = TestStatus.SUCCEEDED;
        String message = "";
        String details = "";
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            TestStatus outcome = switch (reader.getLocalName()) {
                case "failure" -> TestStatus.FAILED;
                case "error" -> TestStatus.ERROR;
                case "skipped" -> TestStatus.SKIPPED;
                default -> null;
            };
            if (outcome == null || rank(outcome) <= rank(status)) {
                SafeXml.skip(reader);
                continue;
            }
            status = outcome;
            String messageAttribute = attribute(reader, "message");
            String type = attribute(reader, "type");
            details = SafeXml.text(reader, TestCase.MAX_DETAILS_LENGTH);
            message = Formats.firstNonBlank(messageAttribute, Formats.firstLine(details), type);
        }
        String suiteName = suite == null || suite.name().isEmpty() ? className : suite.name();
        results.add(suiteName.isEmpty() ? "(no suite)" : suiteName, className, name, status, duration, message, details, file);
    }

    // When a case has several outcome elements, the worst one counts.
    private static int rank(TestStatus status)
    {
        return switch (status) {
            case SUCCEEDED, UNKNOWN -> 0;
            case SKIPPED -> 1;
            case FAILED -> 2;
            case ERROR -> 3;
        };
    }

    private record Suite(String name, String file)
    {
        static Suite of(XMLStreamReader reader, Suite parent)
        {
            String file = attribute(reader, "file");
            return new Suite(attribute(reader, "name"), file.isEmpty() && parent != null ? parent.file() : file);
        }
    }
}
