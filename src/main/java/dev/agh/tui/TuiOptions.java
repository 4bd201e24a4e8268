package dev.agh.tui;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How the UI runs.
 *
 * @param color colours on (off with NO_COLOR or --no-color)
 * @param where what it talks to, shown in the header
 * @param changes a cheap global change counter (the newest event sequence of an embedded store), or
 *     null when there is none (over HTTP): then the views are re-read every {@code refreshEvery} and
 *     the screen redrawn only if they changed
 * @param refreshEvery how often to re-read without a change counter
 */
public record TuiOptions(boolean color, String where, LongSupplier changes, Duration refreshEvery, Clock clock) {
    public static TuiOptions embedded(boolean color, String where, LongSupplier changes) {
        return new TuiOptions(color, where, changes, Duration.ofSeconds(3), Clock.systemUTC());
    }

    public static TuiOptions remote(boolean color, String where) {
        return new TuiOptions(color, where, null, Duration.ofSeconds(3), Clock.systemUTC());
    }
}
