package dev.agh.tui;

/** A destructive action waiting for {@code y}. */
public record Confirmation(Action action, String taskId, String label) {
    public String prompt() {
        return action.verb() + " " + label + "? y to confirm, any other key to keep it";
    }
}
