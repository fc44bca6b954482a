package dev.slipway.server.build.report;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import static dev.slipway.server.build.report.SafeXml.attribute;

/**
 * Visual Studio's TRX ({@code dotnet test --logger trx}, vstest, MSTest). Results come before the test definitions
 * that name their classes, so results are held (without their output) until the end of the file. Data-driven tests
 * nest their rows in {@code <InnerResults>}: the rows are the cases, not the summary around them.
 */
final class TrxParser
        implements TestResultsParser
{
    @Override
    public void parse(InputStream in, TestResultsCollector results)
            throws XMLStreamException, ReportFileException
    {
        XMLStreamReader reader = SafeXml.open(in);
        try {
            String root = SafeXml.root(reader);
            if (!root.equals("TestRun")) {
                throw SafeXml.problem(reader, Formats.wrongRoot(ReportFormat.VISUALSTUDIOTRX, root, "<TestRun>"));
            }
            List<Result> finished = new ArrayList<>();
            Deque<Result> open = new ArrayDeque<>();
            Map<String, String> classes = new HashMap<>();
            String definition = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "TestRun", "Results", "InnerResults", "Output", "ErrorInfo", "TestDefinitions" -> {
                            // Descend.
                        }
                        case "UnitTestResult" -> {
                            if (!open.isEmpty()) {
                                open.peek().hasInnerResults = true;
                            }
                            open.push(new Result(
                                    attribute(reader, "testId"),
                                    attribute(reader, "testName"),
                                    attribute(reader, "outcome"),
                                    Durations.timeSpan(attribute(reader, "duration"))));
                        }
                        case "Message" -> {
                            String text = SafeXml.text(reader, TestCase.MAX_MESSAGE_LENGTH);
                            if (!open.isEmpty()) {
                                open.peek().message = text;
                            }
                        }
                        case "StackTrace" -> {
                            String text = SafeXml.text(reader, TestCase.MAX_DETAILS_LENGTH);
                            if (!open.isEmpty()) {
                                open.peek().details = text;
                            }
                        }
                        case "UnitTest" -> definition = attribute(reader, "id");
                        case "TestMethod" -> {
                            if (definition != null) {
                                classes.put(definition, attribute(reader, "className"));
                            }
                            SafeXml.skip(reader);
                        }
                        default -> SafeXml.skip(reader);
                    }
                }
                else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "UnitTestResult" -> {
                            Result result = open.pop();
                            if (!result.hasInnerResults) {
                                finished.add(result);
                            }
                        }
                        case "UnitTest" -> definition = null;
                        default -> {
                        }
                    }
                }
            }
            for (Result result : finished) {
                String className = classes.getOrDefault(result.testId, "");
                String name = result.testName;
                if (!className.isEmpty() && name.startsWith(className + ".")) {
                    name = name.substring(className.length() + 1);
                }
                else if (className.isEmpty() && name.lastIndexOf('.') > 0) {
                    className = name.substring(0, name.lastIndexOf('.'));
                    name = name.substring(name.lastIndexOf('.') + 1);
                }
                results.add(Formats.firstNonBlank(className, "(no class)"), className, name, status(result.outcome), result.duration,
                        result.message, result.details, "");
            }
        }
        finally {
            reader.close();
        }
    }

    private static TestStatus status(String outcome)
    {
        return switch (outcome) {
            case "Passed", "PassedButRunAborted", "Warning", "Completed" -> TestStatus.SUCCEEDED;
            case "Failed", "Timeout" -> TestStatus.FAILED;
            case "Error", "Aborted", "NotRunnable", "Disconnected" -> TestStatus.ERROR;
            case "NotExecuted" -> TestStatus.SKIPPED;
            default -> TestStatus.UNKNOWN;
        };
    }

    private static final class Result
    {
        private final String testId;
        private final String testName;
        private final String outcome;
        private final Duration duration;
        private String message = "";
        private String details = "";
        private boolean hasInnerResults;

        Result(String testId, String testName, String outcome, Duration duration)
        {
            this.testId = testId;
            this.testName = testName;
            this.outcome = outcome;
            this.duration = duration;
        }
    }
}
