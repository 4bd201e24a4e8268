package dev.agh.api;

import dev.agh.domain.Actor;
import dev.agh.domain.Triage;
import java.time.Instant;

/** One caller's stored triage state of a task ({@code TaskTriageStatePayload}). */
public record TriagePayload(
        String taskId,
        Actor actor,
        boolean read,
        boolean archived,
        boolean dismissed,
        Instant lastSeenActivityAt,
        Instant updatedAt) {

    public static TriagePayload of(Triage t) {
        return new TriagePayload(
                t.taskId(), t.actor(), t.read(), t.archived(), t.dismissed(), t.lastSeenActivityAt(), t.updatedAt());
    }
}
