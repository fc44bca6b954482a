package dev.slipway.server.build.report;

import java.io.IOException;
import java.io.InputStream;

import javax.xml.stream.XMLStreamException;

/**
 * Reads one test-result file of one format into a collector. Called by {@link ReportParsers} with a fresh collector
 * per file, on the caller's thread; implementations hold no state between calls and never load the whole file.
 * Failure: any exception means the file is left out; what the collector received is then discarded.
 */
interface TestResultsParser
{
    void parse(InputStream in, TestResultsCollector results)
            throws IOException, XMLStreamException, ReportFileException;
}
