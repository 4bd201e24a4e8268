package dev.agh.tui;

import dev.agh.api.TimelineItemPayload;

/** What wakes the loop: a key, a resize, or an event of the open task's stream. */
sealed interface Input {
    record Pressed(Key key) implements Input {}

    record Resized() implements Input {}

    record Streamed(String taskId, TimelineItemPayload event) implements Input {}

    /** The keyboard is gone (input closed): leave. */
    record Closed() implements Input {}
}
