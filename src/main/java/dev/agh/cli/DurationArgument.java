package dev.agh.cli;

import dev.agh.domain.AghException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** A duration typed on the command line: {@code 30s}, {@code 2m}, {@code 1h30m}, or plain seconds ({@code 90}). */
public final class DurationArgument {
  private DurationArgument() {}

  public static Duration parse(String option, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.matches("\\d+")) {
        return Duration.ofSeconds(Long.parseLong(t));
      }
      return Duration.parse("PT" + t.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw AghException.invalid(option + " must look like 30s, 2m or 90, got \"" + text + "\"");
    }
  }
}
