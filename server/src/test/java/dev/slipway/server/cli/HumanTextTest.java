package dev.slipway.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

class HumanTextTest
{
    private static final Instant NOW = Instant.parse("2026-11-26T13:00:00Z");

    @Test
    void agesGrowFromSecondsToDaysThenBecomeADate()
    {
        assertThat(HumanText.ago(NOW.minusMillis(300), NOW)).isEqualTo("just now");
        assertThat(HumanText.ago(NOW.minusSeconds(12), NOW)).isEqualTo("12 s ago");
        assertThat(HumanText.ago(NOW.minusSeconds(60 * 3 + 59), NOW)).isEqualTo("3 min ago");
        assertThat(HumanText.ago(NOW.minus(Duration.ofHours(2)), NOW)).isEqualTo("2 h ago");
        assertThat(HumanText.ago(NOW.minus(Duration.ofDays(4)), NOW)).isEqualTo("4 d ago");
        assertThat(HumanText.ago(NOW.minus(Duration.ofDays(45)), NOW)).isEqualTo("2026-10-12");
    }

    @Test
    void aTimeAheadOfThisClockIsNotInThePast()
    {
        assertThat(HumanText.ago(NOW.plusSeconds(20), NOW)).isEqualTo("just now");
        assertThat(HumanText.ago(NOW.plus(Duration.ofHours(3)), NOW)).isEqualTo("in 3 h");
    }

    @Test
    void fieldsThatAreNoInstantShowAsADash()
    {
        assertThat(HumanText.ago(JsonNodeFactory.instance.nullNode(), NOW)).isEqualTo("-");
        assertThat(HumanText.ago(JsonNodeFactory.instance.textNode("yesterday"), NOW)).isEqualTo("-");
        assertThat(HumanText.ago(JsonNodeFactory.instance.textNode("2026-11-26T12:59:00Z"), NOW)).isEqualTo("1 min ago");
    }

    @Test
    void durationsKeepTwoUnitsAtMost()
    {
        assertThat(HumanText.duration(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(HumanText.duration(Duration.ofMillis(12_345))).isEqualTo("12.3 s");
        assertThat(HumanText.duration(Duration.ofSeconds(184))).isEqualTo("3 min 4 s");
        assertThat(HumanText.duration(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
        assertThat(HumanText.duration(Duration.ofMillis(-5))).isEqualTo("0 ms");
    }

    @Test
    void sizesUseBinaryMultiples()
    {
        assertThat(HumanText.size(512)).isEqualTo("512 B");
        assertThat(HumanText.size(4608)).isEqualTo("4.5 KB");
        assertThat(HumanText.size(12L * 1024 * 1024)).isEqualTo("12.0 MB");
    }

    @Test
    void timesAreInstantsDatesOrAges()
    {
        assertThat(HumanText.time("2026-11-20T08:30:00Z", NOW)).isEqualTo(Instant.parse("2026-11-20T08:30:00Z"));
        assertThat(HumanText.time("2026-11-20", NOW)).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(HumanText.time("45s", NOW)).isEqualTo(NOW.minusSeconds(45));
        assertThat(HumanText.time("30m", NOW)).isEqualTo(NOW.minus(Duration.ofMinutes(30)));
        assertThat(HumanText.time("30min", NOW)).isEqualTo(NOW.minus(Duration.ofMinutes(30)));
        assertThat(HumanText.time(" 2h ", NOW)).isEqualTo(NOW.minus(Duration.ofHours(2)));
        assertThat(HumanText.time("7d", NOW)).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(HumanText.time("1W", NOW)).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThatThrownBy(() -> HumanText.time("last week", NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be an instant (2026-11-26T13:00:00Z), a date (2026-11-26) or an age before now (30m, 2h, 7d), was 'last week'");
        assertThatThrownBy(() -> HumanText.time("2026-13-40", NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
