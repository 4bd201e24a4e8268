package dev.agh.cli;

import java.time.Duration;
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

    /** "3m 10s ago"-style age of an instant, coarse enough to read at a glance. */
    public static String age(Instant then, Instant now) {
        if (then == null) {
            return "-";
        }
        long seconds = Math.max(0, Duration.between(then, now).getSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m " + (seconds % 60) + "s";
        }
        if (seconds < 86400) {
            return (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m";
        }
        return (seconds / 86400) + "d " + (seconds % 86400 / 3600) + "h";
    }

    /**
     * "not before 2026-05-01T09:10:00Z (in 4m 0s)" for a run delayed past now, else null: a delayed start or a
     * scheduled retry, shown wherever a queued run is.
     */
    public static String due(Instant notBefore, Instant now) {
        if (notBefore == null || !notBefore.isAfter(now)) {
            return null;
        }
        return "not before " + notBefore + " (in " + age(now, notBefore) + ")";
    }

    public static String wire(Enum<?> value) {
        return value == null ? "-" : value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
