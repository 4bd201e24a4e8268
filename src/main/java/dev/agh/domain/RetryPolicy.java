package dev.agh.domain;

import java.time.Duration;

/**
 * When a failed run of a task is queued again by itself. The delay after failed attempt {@code n} is the base
 * ({@code fixed}) or the base times 2^(n-1) ({@code exponential}), never above the maximum; jitter takes up to
 * that fraction off at random, so agents that failed together do not all come back in the same second.
 * Retries stop at the task's {@code max_attempts}, like manual ones.
 *
 * @param strategy none, fixed or exponential
 * @param baseDelaySeconds the first delay
 * @param maxDelaySeconds the longest delay
 * @param jitter the fraction of a delay that may be taken off at random, 0 to 1
 */
public record RetryPolicy(RetryStrategy strategy, long baseDelaySeconds, long maxDelaySeconds, double jitter) {
    public static final long DEFAULT_BASE_SECONDS = 30;
    public static final long DEFAULT_MAX_SECONDS = 3_600;
    public static final double DEFAULT_JITTER = 0.1;
    /** The longest delay a policy may name: one week. */
    public static final long MAX_SECONDS = 7 * 86_400;

    public static final RetryPolicy NONE = new RetryPolicy(RetryStrategy.NONE, 0, 0, 0);

    public RetryPolicy {
        if (strategy == null) {
            throw AghException.invalid("retry_policy.strategy is required");
        }
        if (strategy != RetryStrategy.NONE) {
            if (baseDelaySeconds < 1 || baseDelaySeconds > MAX_SECONDS) {
                throw AghException.invalid("retry_policy.base_delay_seconds must be between 1 and " + MAX_SECONDS
                        + ", got " + baseDelaySeconds);
            }
            if (maxDelaySeconds < baseDelaySeconds || maxDelaySeconds > MAX_SECONDS) {
                throw AghException.invalid("retry_policy.max_delay_seconds must be between base_delay_seconds ("
                        + baseDelaySeconds + ") and " + MAX_SECONDS + ", got " + maxDelaySeconds);
            }
            if (!(jitter >= 0 && jitter <= 1)) {
                throw AghException.invalid("retry_policy.jitter must be between 0 and 1, got " + jitter);
            }
        }
    }

    /** A policy with the defaults for what is not given (null). */
    public static RetryPolicy of(RetryStrategy strategy, Long baseSeconds, Long maxSeconds, Double jitter) {
        if (strategy == RetryStrategy.NONE) {
            return NONE;
        }
        long base = baseSeconds == null ? DEFAULT_BASE_SECONDS : baseSeconds;
        long max = maxSeconds != null
                ? maxSeconds
                : strategy == RetryStrategy.FIXED ? base : Math.max(base, DEFAULT_MAX_SECONDS);
        return new RetryPolicy(strategy, base, max, jitter == null ? DEFAULT_JITTER : jitter);
    }

    public boolean retries() {
        return strategy != RetryStrategy.NONE;
    }

    /**
     * The delay before the attempt after failed attempt {@code failedAttempt} (1-based).
     *
     * @param random a number in [0, 1): the share of the jitter taken off
     */
    public Duration delayAfter(int failedAttempt, double random) {
        if (!retries()) {
            return Duration.ZERO;
        }
        double seconds = baseDelaySeconds;
        if (strategy == RetryStrategy.EXPONENTIAL) {
            seconds = baseDelaySeconds * Math.pow(2, Math.max(0, failedAttempt - 1));
        }
        seconds = Math.min(seconds, maxDelaySeconds);
        seconds *= 1 - jitter * random;
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
