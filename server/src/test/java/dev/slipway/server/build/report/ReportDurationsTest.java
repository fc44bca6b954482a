package dev.slipway.server.build.report;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReportDurationsTest
{
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "0.245; 245000000",
            "12; 12000000000",
            "'1,024.612'; 1024612000000",
            "'1,024'; 1024000000000",
            "'12,345,678.5'; 12345678500000000",
            "'0,5'; 500000000",
            "'3,25'; 3250000000",
            "''; 0",
            "abc; 0",
            "-1; 0",
            "1e3; 1000000000000",
    })
    void secondsInTheNotationsToolsWrite(String text, long nanos)
    {
        assertThat(Durations.seconds(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "00:00:00.0032953; 3295300",
            "00:01:02.5; 62500000000",
            "1.02:03:04; 93784000000000",
            "garbage; 0",
    })
    void trxTimeSpans(String text, long nanos)
    {
        assertThat(Durations.timeSpan(text)).isEqualTo(Duration.ofNanos(nanos));
    }
}
