package dev.slipway.server.build.report;

import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The {@code file-format} values of a buildspec report group, as CodeBuild names them. Six are test-result formats,
 * four are code-coverage formats.
 */
public enum ReportFormat
{
    JUNITXML(false),
    NUNITXML(false),
    NUNIT3XML(false),
    TESTNGXML(false),
    CUCUMBERJSON(false),
    VISUALSTUDIOTRX(false),
    CLOVERXML(true),
    COBERTURAXML(true),
    JACOCOXML(true),
    SIMPLECOV(true);

    /** The format CodeBuild assumes when a report group has no {@code file-format}. */
    public static final ReportFormat DEFAULT = JUNITXML;

    private final boolean coverage;

    ReportFormat(boolean coverage)
    {
        this.coverage = coverage;
    }

    /** @return true for the code-coverage formats, which produce a {@link CoverageReport} rather than a {@link TestReport} */
    public boolean isCoverage()
    {
        return coverage;
    }

    /**
     * Reads a buildspec's {@code file-format} value. Case does not matter ({@code JunitXml} is {@link #JUNITXML}), as
     * in CodeBuild; surrounding white space is ignored.
     *
     * @return the format, or empty when the value names none of them
     */
    public static Optional<ReportFormat> parse(String value)
    {
        requireNonNull(value, "value is null");
        String name = value.strip().toUpperCase(Locale.ROOT);
        for (ReportFormat format : values()) {
            if (format.name().equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
