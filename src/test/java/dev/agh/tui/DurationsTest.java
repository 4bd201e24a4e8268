package dev.agh.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The three ways agh prints a duration, at the edges where each changes its units. */
class DurationsTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private static Instant ago(Duration d) {
        return NOW.minus(d);
    }

    @Test
    void aMeasuredTimeGoesFromMillisecondsToDaysAndHoursAfterTwoDays() {
        assertThat(Durations.of(-5)).isEqualTo("0 ms");
        assertThat(Durations.of(41)).isEqualTo("41 ms");
        assertThat(Durations.of(2_140)).isEqualTo("2.1 s");
        assertThat(Durations.of(42_000)).isEqualTo("42s");
        assertThat(Durations.of(190_000)).isEqualTo("3m 10s");
        assertThat(Durations.of(Duration.ofHours(47).plusMinutes(5).toMillis())).isEqualTo("47h 5m");
        assertThat(Durations.of(Duration.ofHours(50).toMillis())).isEqualTo("2d 2h");
    }

    @Test
    void theCommandLinesAgeHasTwoUnitsAndDaysAfterOneDay() {
        assertThat(Durations.elapsed(null, NOW)).isEqualTo("-");
        assertThat(Durations.elapsed(NOW.plusSeconds(5), NOW))
                .as("a clock behind")
                .isEqualTo("0s");
        assertThat(Durations.elapsed(ago(Duration.ofSeconds(59)), NOW)).isEqualTo("59s");
        assertThat(Durations.elapsed(ago(Duration.ofSeconds(190)), NOW)).isEqualTo("3m 10s");
        assertThat(Durations.elapsed(ago(Duration.ofMinutes(125)), NOW)).isEqualTo("2h 5m");
        assertThat(Durations.elapsed(ago(Duration.ofHours(26)), NOW)).isEqualTo("1d 2h");
        assertThat(Durations.elapsed(252_000)).isEqualTo("4m 12s");
    }

    @Test
    void aNarrowColumnShowsOneUnit() {
        assertThat(Durations.age(null, NOW)).isEmpty();
        assertThat(Durations.age(ago(Duration.ofSeconds(42)), NOW)).isEqualTo("42s");
        assertThat(Durations.age(ago(Duration.ofMinutes(5)), NOW)).isEqualTo("5m");
        assertThat(Durations.age(ago(Duration.ofHours(47)), NOW)).isEqualTo("47h");
        assertThat(Durations.age(ago(Duration.ofDays(3)), NOW)).isEqualTo("3d");
    }
}
