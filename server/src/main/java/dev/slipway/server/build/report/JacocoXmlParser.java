package dev.slipway.server.build.report;

import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import static dev.slipway.server.build.report.SafeXml.attribute;

/**
 * JaCoCo's XML report: {@code <report>} → {@code <group>}* → {@code <package>} → {@code <sourcefile>}. A source file's
 * {@code <line nr mi ci mb cb>} elements give the figures (a line is covered when it has a covered instruction, as
 * JaCoCo counts its LINE counter), so that the same file in two reports merges by line; a source file without line
 * data (classes compiled without debug information) uses its LINE and BRANCH {@code <counter>}s. The class-level and
 * report-level counters repeat the source files' and are not added again.
 */
final class JacocoXmlParser
        implements CoverageParser
{
    @Override
    public void parse(InputStream in, CoverageCollector coverage)
            throws XMLStreamException, ReportFileException
    {
        XMLStreamReader reader = SafeXml.open(in);
        try {
            String root = SafeXml.root(reader);
            if (!root.equals("report")) {
                throw SafeXml.problem(reader, Formats.wrongRoot(ReportFormat.JACOCOXML, root, "<report>"));
            }
            String packageName = "";
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "group" -> {
                            // Descend.
                        }
                        case "package" -> packageName = attribute(reader, "name");
                        case "sourcefile" -> readSourceFile(reader, packageName, coverage);
                        default -> SafeXml.skip(reader);
                    }
                }
            }
        }
        finally {
            reader.close();
        }
    }

    private static void readSourceFile(XMLStreamReader reader, String packageName, CoverageCollector coverage)
            throws XMLStreamException, ReportFileException
    {
        String name = attribute(reader, "name");
        String path = packageName.isEmpty() ? name : packageName + "/" + name;
        coverage.addFile(path);
        boolean lines = false;
        Map<Counter, long[]> counters = new EnumMap<>(Counter.class);
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
            switch (reader.getLocalName()) {
                case "line" -> {
                    lines = true;
                    int number = Numbers.integer(reader, "nr");
                    long coveredInstructions = Numbers.optionalCount(reader, "ci");
                    long missedInstructions = Numbers.optionalCount(reader, "mi");
                    int branchesMissed = Numbers.integer(reader, "mb");
                    int branchesCovered = Numbers.integer(reader, "cb");
                    if (coveredInstructions + missedInstructions > 0) {
                        coverage.addLine(path, number, coveredInstructions > 0, branchesCovered, branchesCovered + branchesMissed);
                    }
                }
                case "counter" -> {
                    String type = attribute(reader, "type");
                    if (type.equals("LINE") || type.equals("BRANCH")) {
                        counters.put(Counter.valueOf(type), new long[] {Numbers.count(reader, "covered"), Numbers.count(reader, "missed")});
                    }
                }
                default -> {
                }
            }
            SafeXml.skip(reader);
        }
        if (!lines && !counters.isEmpty()) {
            long[] lineCounter = counters.getOrDefault(Counter.LINE, new long[2]);
            long[] branchCounter = counters.getOrDefault(Counter.BRANCH, new long[2]);
            coverage.addCounters(path, lineCounter[0], lineCounter[1], branchCounter[0], branchCounter[1]);
        }
    }

    private enum Counter
    {
        LINE,
        BRANCH
    }
}
