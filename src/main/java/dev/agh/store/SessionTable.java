package dev.agh.store;

import dev.agh.domain.AgentSession;
import java.util.List;
import java.util.Optional;

/** Agent sessions. */
public interface SessionTable {
    Optional<AgentSession> find(String sessionId);

    Optional<AgentSession> findByTokenHash(String tokenHash);

    List<AgentSession> list();

    void insert(AgentSession session);

    void update(AgentSession session);
}
