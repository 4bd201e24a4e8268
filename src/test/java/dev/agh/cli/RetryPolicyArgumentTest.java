package dev.agh.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agh.domain.RetryPolicy;
import dev.agh.domain.RetryStrategy;
import org.junit.jupiter.api.Test;

/** {@code agh serve --default-retry}: one word for a whole policy. */
class RetryPolicyArgumentTest {
    @Test
    void readsStrategyBaseMaximumAndJitter() {
        assertThat(RetryPolicyArgument.parse("--default-retry", "none")).isEqualTo(RetryPolicy.NONE);
        assertThat(RetryPolicyArgument.parse("--default-retry", "fixed:1m"))
                .isEqualTo(new RetryPolicy(RetryStrategy.FIXED, 60, 60, 0.1));
        assertThat(RetryPolicyArgument.parse("--default-retry", "Exponential:30s:1h:0.25"))
                .isEqualTo(new RetryPolicy(RetryStrategy.EXPONENTIAL, 30, 3600, 0.25));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> RetryPolicyArgument.parse("--default-retry", "often"))
                .hasMessageContaining("none|fixed|exponential");
        assertThatThrownBy(() -> RetryPolicyArgument.parse("--default-retry", "fixed:soon"))
                .hasMessageContaining("30s");
        assertThatThrownBy(() -> RetryPolicyArgument.parse("--default-retry", "fixed:1m:1m:x"))
                .hasMessageContaining("jitter");
        assertThatThrownBy(() -> RetryPolicyArgument.parse("--default-retry", "a:b:c:d:e"))
                .hasMessageContaining("exponential:30s");
    }
}
