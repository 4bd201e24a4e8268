package dev.agh.domain;

/** How a failed run is tried again: not at all, after a fixed delay, or after a delay that doubles per attempt. */
public enum RetryStrategy implements WireEnum {
    NONE,
    FIXED,
    EXPONENTIAL
}
