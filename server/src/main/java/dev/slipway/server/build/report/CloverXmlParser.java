package dev.slipway.server.build.report;

import java.io.InputStream;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import static dev.slipway.server.build.report.SafeXml.attribute;

/**
 * Clover XML (OpenClover, istanbul's {@code clover} reporter, PHPUnit's {@code --coverage-clover}). Each
 * {@code <file>}'s own {@code <metrics>} give the figures: statements stand for lines (Clover counts no lines) and
 * conditionals for branches. Package and project metrics repeat the files' and are not added again; the test sources
 * in {@code <testproject>} are not code under test and are left out.
 */
final class CloverXmlParser
        implements CoverageParser
{
    @Override
    public void parse(InputStream in, CoverageCollector coverage)
            throws XMLStreamException, ReportFileException
    {
        XMLStreamReader reader = SafeXml.open(in);
        try {
            String root = SafeXml.root(reader);
            if (!root.equals("coverage")) {
                throw SafeXml.problem(reader, Formats.wrongRoot(ReportFormat.CLOVERXML, root, "<coverage>"));
            }
            String file = null;
            boolean fileMetricsSeen = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "project", "package" -> {
                            // Descend.
                        }
                        case "file" -> {
                            file = Formats.firstNonBlank(attribute(reader, "path"), attribute(reader, "name"));
                            if (file.isEmpty()) {
                                throw SafeXml.problem(reader, "<file> has neither a path nor a name attribute");
                            }
                            coverage.addFile(file);
                            fileMetricsSeen = false;
                        }
                        case "metrics" -> {
                            if (file != null && !fileMetricsSeen) {
                                fileMetricsSeen = true;
                                long statements = Numbers.optionalCount(reader, "statements");
                                long coveredStatements = Numbers.optionalCount(reader, "coveredstatements");
                                long conditionals = Numbers.optionalCount(reader, "conditionals");
                                long coveredConditionals = Numbers.optionalCount(reader, "coveredconditionals");
                                if (coveredStatements > statements || coveredConditionals > conditionals) {
                                    throw SafeXml.problem(reader, "the metrics of " + file + " cover more than there is");
                                }
                                coverage.addCounters(file, coveredStatements, statements - coveredStatements,
                                        coveredConditionals, conditionals - coveredConditionals);
                            }
                            SafeXml.skip(reader);
                        }
                        default -> SafeXml.skip(reader);
                    }
                }
                else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("file")) {
                    file = null;
                }
            }
        }
        finally {
            reader.close();
        }
    }
}
