package dev.slipway.server.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --output table|json}, for the commands that print what the server answered. */
final class OutputOptions
{
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", order = 90, converter = FormatConverter.class,
            description = "table (default): for people; json: exactly the API's JSON, for scripts.")
    Format format = Format.TABLE;

    boolean json()
    {
        return format == Format.JSON;
    }

    enum Format
    {
        TABLE,
        JSON,
    }

    static final class FormatConverter
            implements ITypeConverter<Format>
    {
        @Override
        public Format convert(String value)
        {
            for (Format format : Format.values()) {
                if (format.name().equalsIgnoreCase(value.trim())) {
                    return format;
                }
            }
            throw new TypeConversionException("must be table or json, was '" + value + "'");
        }
    }

}
