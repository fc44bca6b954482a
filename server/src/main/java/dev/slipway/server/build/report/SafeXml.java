package dev.slipway.server.build.report;

import java.io.InputStream;
import java.util.OptionalInt;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX reading for report files, which come from builds and so from anyone who can push a commit: no DTDs, no
 * external entities, nothing fetched, and text read with a length limit so that a 100 MB {@code system-out} never
 * sits in memory.
 */
final class SafeXml
{
    // The JDK splits CDATA sections into chunks of this size when asked; without it one huge CDATA section
    // (surefire's system-out) is a single event held in memory whole.
    private static final String CDATA_CHUNK_SIZE = "jdk.xml.cdataChunkSize";

    private SafeXml() {}

    static XMLStreamReader open(InputStream in)
            throws XMLStreamException
    {
        // The JDK's own implementation, whatever else is on the class path: its security properties are known.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not read (" + systemId + ")");
        });
        try {
            factory.setProperty(CDATA_CHUNK_SIZE, 64 * 1024);
        }
        catch (IllegalArgumentException ignored) {
            // A JDK without the property still parses correctly, only with more memory for huge CDATA sections.
        }
        return factory.createXMLStreamReader(in);
    }

    /** Moves to the root element. */
    static String root(XMLStreamReader reader)
            throws XMLStreamException, ReportFileException
    {
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                return reader.getLocalName();
            }
        }
        throw new ReportFileException("the file has no XML element");
    }

    /** Skips the current element (the reader is on its start) and everything in it; the reader ends on its end. */
    static void skip(XMLStreamReader reader)
            throws XMLStreamException
    {
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            }
            else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /**
     * Reads the text inside the current element, its descendants' included, keeping at most {@code limit} characters
     * (the rest is counted and noted). The reader ends on the element's end.
     */
    static String text(XMLStreamReader reader, int limit)
            throws XMLStreamException
    {
        LimitedText text = new LimitedText(limit);
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                default -> {
                }
            }
        }
        return text.toString();
    }

    static String attribute(XMLStreamReader reader, String name)
    {
        String value = reader.getAttributeValue(null, name);
        return value == null ? "" : value;
    }

    static ReportFileException problem(XMLStreamReader reader, String message)
    {
        Location location = reader.getLocation();
        return new ReportFileException(message, lineOf(location), columnOf(location));
    }

    static OptionalInt lineOf(Location location)
    {
        return location == null || location.getLineNumber() < 1 ? OptionalInt.empty() : OptionalInt.of(location.getLineNumber());
    }

    static OptionalInt columnOf(Location location)
    {
        return location == null || location.getColumnNumber() < 1 ? OptionalInt.empty() : OptionalInt.of(location.getColumnNumber());
    }
}
