package dev.slipway.server.build.report;

import javax.xml.stream.XMLStreamReader;

/** Reads the numeric attributes of coverage files, which must be right: a wrong number would be a wrong percentage. */
final class Numbers
{
    private Numbers() {}

    /** A required non-negative count; tools write hit counts far beyond int. */
    static long count(XMLStreamReader reader, String attribute)
            throws ReportFileException
    {
        String value = SafeXml.attribute(reader, attribute).strip();
        try {
            long count = Long.parseLong(value);
            if (count >= 0) {
                return count;
            }
        }
        catch (NumberFormatException e) {
            // Reported below with the element's position.
        }
        throw SafeXml.problem(reader, "<" + reader.getLocalName() + "> " + attribute + "=\"" + LimitedText.cut(value, 40)
                + "\" is not a count (a whole number, 0 or more)");
    }

    /** A count that may be absent (then 0). */
    static long optionalCount(XMLStreamReader reader, String attribute)
            throws ReportFileException
    {
        return SafeXml.attribute(reader, attribute).isBlank() ? 0 : count(reader, attribute);
    }

    static int integer(XMLStreamReader reader, String attribute)
            throws ReportFileException
    {
        long value = count(reader, attribute);
        if (value > Integer.MAX_VALUE) {
            throw SafeXml.problem(reader, "<" + reader.getLocalName() + "> " + attribute + "=\"" + value + "\" is too large");
        }
        return (int) value;
    }
}
