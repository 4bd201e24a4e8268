package dev.agh.api;

import dev.agh.domain.Workspace;
import java.time.Instant;

/** A workspace on the wire (agh extension, not part of the upstream contract). */
public record WorkspacePayload(String id, String name, String path, Instant createdAt) {
    public static WorkspacePayload of(Workspace w) {
        return new WorkspacePayload(w.id(), w.name(), w.path(), w.createdAt());
    }
}
