package dev.slipway.server.build.report;

import java.io.IOException;
import java.io.InputStream;

import javax.xml.stream.XMLStreamException;

/**
 * Reads one coverage file of one format into a collector. Same contract as {@link TestResultsParser}: a fresh
 * collector per file, the caller's thread, no state, and an exception leaves the whole file out.
 */
interface CoverageParser
{
    void parse(InputStream in, CoverageCollector coverage)
            throws IOException, XMLStreamException, ReportFileException;
}
