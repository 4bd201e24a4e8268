package dev.agh.tui;

/** A selectable line of a list: which task ⏎ opens and the action keys act on. */
public record TaskRow(String taskId, String identifier, String title) {
  /** Whether the row matches a search text (case-insensitive, on identifier, id and title). */
  public boolean matches(String search) {
    if (search == null || search.isBlank()) {
      return true;
    }
    String needle = search.toLowerCase(java.util.Locale.ROOT).trim();
    return contains(identifier, needle) || contains(taskId, needle) || contains(title, needle);
  }

  private static boolean contains(String text, String needle) {
    return text != null && text.toLowerCase(java.util.Locale.ROOT).contains(needle);
  }
}
