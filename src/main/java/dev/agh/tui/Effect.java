package dev.agh.tui;

/** Work a key asks the loop to do after the state changed: read the service, call it, or stop. */
public sealed interface Effect {
    /** Re-read the tabs (and the open task). */
    record Reload() implements Effect {}

    /** Load a task and follow its timeline. */
    record Open(String taskId) implements Effect {}

    /** Stop following the open task. */
    record Close() implements Effect {}

    /** Call the service for an action on a task. */
    record Act(Action action, String taskId, String label) implements Effect {}

    /** Leave the UI. */
    record Quit() implements Effect {}
}
