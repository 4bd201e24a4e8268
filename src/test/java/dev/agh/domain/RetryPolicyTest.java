package dev.agh.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The backoff arithmetic: doubling, the cap, and jitter that only ever shortens a delay. */
class RetryPolicyTest {

    @Test
    void exponentialDoublesFromTheBaseUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(RetryStrategy.EXPONENTIAL, 10, 60, 0);
        assertThat(policy.delayAfter(1, 0.5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayAfter(2, 0.5)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.delayAfter(3, 0.5)).isEqualTo(Duration.ofSeconds(40));
        assertThat(policy.delayAfter(4, 0.5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delayAfter(10, 0.5)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void fixedWaitsTheBaseAndNoneNeverWaits() {
        assertThat(new RetryPolicy(RetryStrategy.FIXED, 30, 30, 0).delayAfter(7, 0))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryPolicy.NONE.retries()).isFalse();
        assertThat(RetryPolicy.of(RetryStrategy.NONE, 5L, 10L, 0.5)).isEqualTo(RetryPolicy.NONE);
    }

    @Test
    void defaultsFillWhatIsNotGiven() {
        assertThat(RetryPolicy.of(RetryStrategy.EXPONENTIAL, null, null, null))
                .isEqualTo(new RetryPolicy(RetryStrategy.EXPONENTIAL, 30, 3600, 0.1));
        assertThat(RetryPolicy.of(RetryStrategy.FIXED, 90L, null, null))
                .isEqualTo(new RetryPolicy(RetryStrategy.FIXED, 90, 90, 0.1));
        assertThat(RetryPolicy.of(RetryStrategy.EXPONENTIAL, 7200L, null, null).maxDelaySeconds())
                .as("a base above the default maximum raises the maximum")
                .isEqualTo(7200);
    }

    @Test
    void refusesDelaysOutOfRangeWithTheFieldNamed() {
        assertThatThrownBy(() -> new RetryPolicy(RetryStrategy.FIXED, 0, 0, 0))
                .hasMessageContaining("base_delay_seconds");
        assertThatThrownBy(() -> new RetryPolicy(RetryStrategy.EXPONENTIAL, 60, 30, 0))
                .hasMessageContaining("max_delay_seconds");
        assertThatThrownBy(() -> new RetryPolicy(RetryStrategy.FIXED, 5, 5, Double.NaN))
                .hasMessageContaining("jitter");
    }

    @Property
    void aDelayStaysBetweenTheJitteredFloorAndTheCap(
            @ForAll @LongRange(min = 1, max = 3600) long base,
            @ForAll @LongRange(min = 0, max = 100_000) long extra,
            @ForAll @DoubleRange(min = 0, max = 1) double jitter,
            @ForAll @IntRange(min = 1, max = 10) int attempt,
            @ForAll @DoubleRange(min = 0, max = 0.99) double random) {
        long max = Math.min(RetryPolicy.MAX_SECONDS, base + extra);
        RetryPolicy policy = new RetryPolicy(RetryStrategy.EXPONENTIAL, base, max, jitter);
        double undisturbed = Math.min(max, base * Math.pow(2, attempt - 1));
        long millis = policy.delayAfter(attempt, random).toMillis();
        assertThat(millis).isLessThanOrEqualTo(max * 1000);
        assertThat(millis).isGreaterThanOrEqualTo((long) Math.floor(undisturbed * (1 - jitter) * 1000) - 1);
    }

    @Property
    void withoutJitterALaterAttemptNeverWaitsLess(
            @ForAll @LongRange(min = 1, max = 3600) long base, @ForAll @IntRange(min = 1, max = 9) int attempt) {
        RetryPolicy policy = new RetryPolicy(RetryStrategy.EXPONENTIAL, base, RetryPolicy.MAX_SECONDS, 0);
        assertThat(policy.delayAfter(attempt + 1, 0)).isGreaterThanOrEqualTo(policy.delayAfter(attempt, 0));
    }
}
