package dev.agh.api;

import java.time.Instant;

/** {@code GET /api/task-runs/{id}}: the run, its task, its session and its latest activity. */
public record RunDetailPayload(RunPayload run, TaskReference task, SessionPayload session, Activity summary) {
    /** When the run last changed and by which event. */
    public record Activity(Instant lastActivityAt, String lastEventType) {}
}
