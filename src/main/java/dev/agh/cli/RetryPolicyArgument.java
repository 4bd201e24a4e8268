package dev.agh.cli;

import dev.agh.domain.AghException;
import dev.agh.domain.RetryPolicy;
import dev.agh.domain.RetryStrategy;
import dev.agh.domain.WireEnum;

/**
 * A retry policy in one word, for {@code agh serve --default-retry}: {@code STRATEGY[:BASE[:MAX[:JITTER]]]}, for
 * example {@code none}, {@code fixed:1m} or {@code exponential:30s:1h:0.2}.
 */
public final class RetryPolicyArgument {
    private RetryPolicyArgument() {}

    public static RetryPolicy parse(String option, String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length > 4) {
            throw AghException.invalid(option + " must look like exponential:30s:1h:0.1, got \"" + text + "\"");
        }
        RetryStrategy strategy = WireEnum.parse(RetryStrategy.class, option, parts[0]);
        Long base = parts.length > 1
                ? DurationArgument.parse(option + " base", parts[1]).toSeconds()
                : null;
        Long max = parts.length > 2
                ? DurationArgument.parse(option + " maximum", parts[2]).toSeconds()
                : null;
        Double jitter = null;
        if (parts.length > 3) {
            try {
                jitter = Double.parseDouble(parts[3]);
            } catch (NumberFormatException e) {
                throw AghException.invalid(option + " jitter must be a number from 0 to 1, got \"" + parts[3] + "\"");
            }
        }
        return RetryPolicy.of(strategy, base, max, jitter);
    }
}
