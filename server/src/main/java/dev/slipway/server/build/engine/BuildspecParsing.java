package dev.slipway.server.build.engine;

import dev.slipway.server.buildspec.ParseResult;

/**
 * Turns buildspec text into the model; {@code BuildspecParser::parse} is the implementation. Thread-safe; called
 * on the build thread in SUBMITTED (inline buildspec) or DOWNLOAD_SOURCE (a file in the source). Never throws for
 * bad input: problems are in the result.
 */
@FunctionalInterface
public interface BuildspecParsing
{
    ParseResult parse(String text);
}
