package dev.agh.api;

import dev.agh.domain.Actor;
import java.time.Instant;

/**
 * The caller's effective triage of an inbox item. Unlike {@link TriagePayload}, {@code updated_at}
 * is always present (the zero time for a task never triaged), as the inbox schema requires.
 */
public record InboxTriagePayload(
        String taskId,
        Actor actor,
        boolean read,
        boolean archived,
        boolean dismissed,
        Instant lastSeenActivityAt,
        Instant updatedAt) {}
