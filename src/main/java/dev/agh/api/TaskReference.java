package dev.agh.api;

import dev.agh.domain.Owner;
import dev.agh.domain.Priority;
import dev.agh.domain.Scope;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;

/** The short form of a task used inside other payloads. */
public record TaskReference(
        String id,
        String identifier,
        String title,
        TaskStatus status,
        Priority priority,
        Owner owner,
        Scope scope,
        String workspaceId,
        long latestEventSeq) {

    public static TaskReference of(Task t) {
        return new TaskReference(
                t.id(),
                t.identifier(),
                t.title(),
                t.status(),
                t.priority(),
                t.owner(),
                t.scope(),
                t.workspaceId(),
                t.latestEventSeq());
    }
}
