package dev.agh.tui;

import java.time.Duration;
import java.time.Instant;

/**
 * Every human duration agh prints, in one place: {@link #of} for a measured time ("41 ms", "2.1 s", "3m 10s"),
 * {@link #age} for a narrow column ("5m"), {@link #elapsed} for the command line's lists ("3m 10s", "1d 2h").
 */
public final class Durations {
    private Durations() {}

    public static String of(long millis) {
        if (millis < 0) {
            millis = 0;
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return twoUnits(millis / 1000, 48);
    }

    /** Time from {@code then} to {@code now} in the coarse form ("5m", "2h", "3d"), or "" when unknown. */
    public static String age(Instant then, Instant now) {
        if (then == null || now == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(then, now).getSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 172_800) {
            return seconds / 3600 + "h";
        }
        return seconds / 86_400 + "d";
    }

    /** The command line's age of an instant, two units ("3m 10s", "2h 5m", "1d 2h"), or "-" when unknown. */
    public static String elapsed(Instant then, Instant now) {
        if (then == null) {
            return "-";
        }
        return twoUnits(Math.max(0, Duration.between(then, now).getSeconds()), 24);
    }

    /** "42s", "3m 10s", "2h 5m", then days and hours from {@code hoursBeforeDays} hours on. */
    private static String twoUnits(long seconds, long hoursBeforeDays) {
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m " + (seconds % 60) + "s";
        }
        long hours = minutes / 60;
        if (hours < hoursBeforeDays) {
            return hours + "h " + (minutes % 60) + "m";
        }
        return hours / 24 + "d " + (hours % 24) + "h";
    }

    /** {@link #elapsed} of a span given in milliseconds. */
    public static String elapsed(long millis) {
        return elapsed(Instant.EPOCH, Instant.EPOCH.plusMillis(millis));
    }
}
