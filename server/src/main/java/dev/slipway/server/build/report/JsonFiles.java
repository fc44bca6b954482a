package dev.slipway.server.build.report;

import java.io.IOException;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/** Streaming JSON helpers shared by the JSON formats. */
final class JsonFiles
{
    private JsonFiles() {}

    static void expect(JsonParser parser, JsonToken wanted, String what)
            throws ReportFileException
    {
        expect(parser, parser.currentToken(), wanted, what);
    }

    static void expect(JsonParser parser, JsonToken actual, JsonToken wanted, String what)
            throws ReportFileException
    {
        if (actual != wanted) {
            throw problem(parser, "expected " + what + ", found " + describe(actual));
        }
    }

    /** Checks that nothing but white space follows the top-level value. */
    static void expectEnd(JsonParser parser)
            throws IOException, ReportFileException
    {
        JsonToken extra = parser.nextToken();
        if (extra != null) {
            throw problem(parser, "unexpected " + describe(extra) + " after the end of the JSON value");
        }
    }

    /** @return the current value as text; numbers and booleans as written, anything else (null, arrays, objects) as "" */
    static String text(JsonParser parser)
            throws IOException
    {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
            parser.skipChildren();
            return "";
        }
        return token == JsonToken.VALUE_NULL ? "" : parser.getValueAsString("");
    }

    static String describe(JsonToken token)
    {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    static ReportFileException problem(JsonParser parser, String message)
    {
        JsonLocation location = parser.currentTokenLocation();
        return new ReportFileException(message, lineOf(location), columnOf(location));
    }

    static OptionalInt lineOf(JsonLocation location)
    {
        return location == null || location.getLineNr() < 1 ? OptionalInt.empty() : OptionalInt.of(location.getLineNr());
    }

    static OptionalInt columnOf(JsonLocation location)
    {
        return location == null || location.getColumnNr() < 1 ? OptionalInt.empty() : OptionalInt.of(location.getColumnNr());
    }
}
