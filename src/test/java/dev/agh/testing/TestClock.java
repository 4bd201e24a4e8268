package dev.agh.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it. Tests advance it instead of sleeping, so
 * anything ordered by time (latest activity, timestamps) is deterministic. Zone views made with
 * {@link #withZone} share the same instant.
 */
public final class TestClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private TestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A UTC clock standing at {@code start}. */
    public TestClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /** A UTC clock standing at the RFC 3339 instant {@code start}, e.g. {@code 2026-03-01T09:00:00Z}. */
    public static TestClock at(String start) {
        return new TestClock(Instant.parse(start));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new TestClock(now, newZone);
    }

    /** Moves the clock forward by {@code step} (must not be negative) and returns the new instant. */
    public Instant advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a test clock only moves forward, got " + step);
        }
        return now.updateAndGet(t -> t.plus(step));
    }

    /** Moves the clock forward by one second and returns the new instant. */
    public Instant tick() {
        return advance(Duration.ofSeconds(1));
    }

    /** Sets the clock to {@code instant}, which may be earlier than now (to test clock skew). */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public String toString() {
        return "TestClock[" + now.get() + ", " + zone + "]";
    }
}
