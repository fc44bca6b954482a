package dev.slipway.server.build.report;

import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import static dev.slipway.server.build.report.SafeXml.attribute;

/**
 * Cobertura XML (Cobertura itself, coverage.py, istanbul, gcovr, …). Figures come from the {@code <line>} elements
 * of each {@code <class>}: a line is covered when its {@code hits} is above zero; a branch line's
 * {@code condition-coverage="50% (1/2)"} gives its covered and total branches. Lines repeated under
 * {@code <methods>} are not counted again, and classes sharing a file (inner classes) are merged by line. The root's
 * {@code line-rate}/{@code lines-covered} summary is not used: it is derived from the same lines.
 */
final class CoberturaXmlParser
        implements CoverageParser
{
    private static final Pattern CONDITIONS = Pattern.compile("\\((\\d+)/(\\d+)\\)");

    @Override
    public void parse(InputStream in, CoverageCollector coverage)
            throws XMLStreamException, ReportFileException
    {
        XMLStreamReader reader = SafeXml.open(in);
        try {
            String root = SafeXml.root(reader);
            if (!root.equals("coverage")) {
                throw SafeXml.problem(reader, Formats.wrongRoot(ReportFormat.COBERTURAXML, root, "<coverage>"));
            }
            String file = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "packages", "package", "classes", "lines" -> {
                            // Descend.
                        }
                        case "class" -> {
                            file = Formats.firstNonBlank(attribute(reader, "filename"), attribute(reader, "name"));
                            if (file.isEmpty()) {
                                throw SafeXml.problem(reader, "<class> has neither a filename nor a name attribute");
                            }
                            coverage.addFile(file);
                        }
                        case "line" -> {
                            if (file == null) {
                                throw SafeXml.problem(reader, "<line> outside a <class>");
                            }
                            readLine(reader, file, coverage);
                            SafeXml.skip(reader);
                        }
                        default -> SafeXml.skip(reader);
                    }
                }
                else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("class")) {
                    file = null;
                }
            }
        }
        finally {
            reader.close();
        }
    }

    private static void readLine(XMLStreamReader reader, String file, CoverageCollector coverage)
            throws ReportFileException
    {
        int number = Numbers.integer(reader, "number");
        long hits = Numbers.count(reader, "hits");
        int branchesCovered = 0;
        int branches = 0;
        if (attribute(reader, "branch").equalsIgnoreCase("true")) {
            Matcher conditions = CONDITIONS.matcher(attribute(reader, "condition-coverage"));
            if (conditions.find()) {
                branchesCovered = Integer.parseInt(conditions.group(1));
                branches = Integer.parseInt(conditions.group(2));
                if (branchesCovered > branches) {
                    throw SafeXml.problem(reader, "condition-coverage of line " + number + " covers more branches than it has");
                }
            }
        }
        coverage.addLine(file, number, hits > 0, branchesCovered, branches);
    }
}
