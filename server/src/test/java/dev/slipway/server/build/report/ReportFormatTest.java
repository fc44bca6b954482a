package dev.slipway.server.build.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFormatTest
{
    @Test
    void formatNamesAreCaseInsensitiveAsInCodeBuild()
    {
        assertThat(ReportFormat.parse("JunitXml")).contains(ReportFormat.JUNITXML);
        assertThat(ReportFormat.parse("cucumberjson")).contains(ReportFormat.CUCUMBERJSON);
        assertThat(ReportFormat.parse(" CoberturaXml ")).contains(ReportFormat.COBERTURAXML);
        assertThat(ReportFormat.parse("simpleCov")).contains(ReportFormat.SIMPLECOV);
    }

    @Test
    void unknownNamesAreEmptyNotGuessed()
    {
        assertThat(ReportFormat.parse("JUNIT")).isEmpty();
        assertThat(ReportFormat.parse("junit-xml")).isEmpty();
        assertThat(ReportFormat.parse("LCOVINFO")).isEmpty();
        assertThat(ReportFormat.parse("")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void everyFormatParsesFromItsOwnName(ReportFormat format)
    {
        assertThat(ReportFormat.parse(format.name().toLowerCase(java.util.Locale.ROOT))).contains(format);
    }

    @Test
    void theFourCoverageFormatsAreCoverage()
    {
        assertThat(java.util.Arrays.stream(ReportFormat.values()).filter(ReportFormat::isCoverage))
                .containsExactly(ReportFormat.CLOVERXML, ReportFormat.COBERTURAXML, ReportFormat.JACOCOXML, ReportFormat.SIMPLECOV);
        assertThat(ReportFormat.DEFAULT).isEqualTo(ReportFormat.JUNITXML);
    }
}
