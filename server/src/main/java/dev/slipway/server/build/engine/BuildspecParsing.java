package dev.slipway.server.build.engine;

import java.nio.charset.StandardCharsets;

import dev.slipway.server.buildspec.BuildspecParser;
import dev.slipway.server.buildspec.ParseResult;

import static java.util.Objects.requireNonNull;

/**
 * Turns buildspec text into the model; {@link #of(BuildspecParser)} adapts the real parser. Thread-safe; called on
 * the build thread in SUBMITTED (inline buildspec) or DOWNLOAD_SOURCE (a file in the source). Never throws for bad
 * input: problems are in the result.
 */
@FunctionalInterface
public interface BuildspecParsing
{
    ParseResult parse(String text);

    /**
     * Parses the bytes of a buildspec file (at most {@link BuildspecParser#MAX_INPUT_BYTES} + 1 of them). The real
     * parser reports bytes that are not UTF-8 with their line and column; this default, for parsers made of a lambda,
     * decodes them as U+FFFD.
     */
    default ParseResult parse(byte[] bytes)
    {
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    static BuildspecParsing of(BuildspecParser parser)
    {
        requireNonNull(parser, "parser is null");
        return new BuildspecParsing()
        {
            @Override
            public ParseResult parse(String text)
            {
                return parser.parse(text);
            }

            @Override
            public ParseResult parse(byte[] bytes)
            {
                return parser.parse(bytes);
            }
        };
    }
}
