package dev.agh.tui;

/** How a task is named on screen: its identifier (TASK-12) when it has one, else its id. */
final class Labels {
  private Labels() {}

  static String task(String identifier, String id) {
    return identifier != null && !identifier.isBlank() ? identifier : id;
  }
}
