package dev.agh.domain;

import java.time.Instant;
import java.util.List;

/**
 * An agent's identity while it works: it claims runs under leases fenced by its id. Only the hash
 * of its bearer token is stored.
 */
public record AgentSession(
        String sessionId,
        String agentName,
        String workspaceId,
        String name,
        String channel,
        List<String> capabilities,
        SessionState state,
        String tokenHash,
        Instant createdAt,
        Instant updatedAt) {

    public boolean active() {
        return state == SessionState.ACTIVE;
    }

    public AgentSession stopped(Instant now) {
        return new AgentSession(
                sessionId,
                agentName,
                workspaceId,
                name,
                channel,
                capabilities,
                SessionState.STOPPED,
                tokenHash,
                createdAt,
                now);
    }
}
