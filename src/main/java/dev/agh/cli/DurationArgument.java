package dev.agh.cli;

import dev.agh.domain.AghException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A duration typed on the command line: {@code 30s}, {@code 2m}, {@code 1h30m}, {@code 30d}, {@code 1d12h}, or plain
 * seconds ({@code 90}).
 */
public final class DurationArgument {
    private DurationArgument() {}

    public static Duration parse(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(t));
            }
            java.util.regex.Matcher days =
                    java.util.regex.Pattern.compile("(\\d+)d(.*)").matcher(t);
            if (days.matches()) {
                Duration rest = days.group(2).isEmpty()
                        ? Duration.ZERO
                        : Duration.parse("PT" + days.group(2).toUpperCase(Locale.ROOT));
                return Duration.ofDays(Long.parseLong(days.group(1))).plus(rest);
            }
            return Duration.parse("PT" + t.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw AghException.invalid(option + " must look like 30s, 2m, 1h, 30d or 90, got \"" + text + "\"");
        }
    }
}
