package dev.agh.api;

import dev.agh.domain.RetryPolicy;
import dev.agh.domain.RetryStrategy;

/** A task's retry policy on the wire (agh extension); {@code none} carries no delays. */
public record RetryPolicyPayload(RetryStrategy strategy, Long baseDelaySeconds, Long maxDelaySeconds, Double jitter) {

    /** The payload of {@code policy}, or null for none given. */
    public static RetryPolicyPayload of(RetryPolicy policy) {
        if (policy == null) {
            return null;
        }
        return policy.retries()
                ? new RetryPolicyPayload(
                        policy.strategy(), policy.baseDelaySeconds(), policy.maxDelaySeconds(), policy.jitter())
                : new RetryPolicyPayload(RetryStrategy.NONE, null, null, null);
    }

    /** The policy this payload describes. */
    public RetryPolicy policy() {
        return RetryPolicy.of(strategy, baseDelaySeconds, maxDelaySeconds, jitter);
    }
}
