package dev.agh.api;

import dev.agh.domain.AgentSession;
import dev.agh.domain.SessionState;
import java.time.Instant;
import java.util.List;

/** An agent session on the wire; its token is never included (only shown once at creation). */
public record SessionPayload(
        String sessionId,
        String agentName,
        String workspaceId,
        String name,
        String channel,
        List<String> capabilities,
        SessionState state,
        Instant createdAt,
        Instant updatedAt) {

    public static SessionPayload of(AgentSession s) {
        return new SessionPayload(
                s.sessionId(),
                s.agentName(),
                s.workspaceId(),
                s.name(),
                s.channel(),
                s.capabilities(),
                s.state(),
                s.createdAt(),
                s.updatedAt());
    }
}
