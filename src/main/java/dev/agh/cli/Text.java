package dev.agh.cli;

import dev.agh.tui.Durations;
import java.time.Instant;

/** Small formatting rules shared by the human output of every command. */
public final class Text {
    private Text() {}

    public static String or(Object value, String fallback) {
        return value == null ? fallback : value.toString();
    }

    public static String clip(String value, int width) {
        if (value == null) {
            return "";
        }
        return value.length() <= width ? value : value.substring(0, Math.max(0, width - 1)) + "…";
    }

    /**
     * "not before 2026-05-01T09:10:00Z (in 4m 0s)" for a run delayed past now, else null: a delayed start or a
     * scheduled retry, shown wherever a queued run is.
     */
    public static String due(Instant notBefore, Instant now) {
        if (notBefore == null || !notBefore.isAfter(now)) {
            return null;
        }
        return "not before " + notBefore + " (in " + Durations.elapsed(now, notBefore) + ")";
    }

    public static String wire(Enum<?> value) {
        return value == null ? "-" : value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
