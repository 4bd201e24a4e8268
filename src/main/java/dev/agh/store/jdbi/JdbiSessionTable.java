package dev.agh.store.jdbi;

import dev.agh.domain.AgentSession;
import dev.agh.store.SessionTable;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

final class JdbiSessionTable implements SessionTable {
    private final Handle handle;
    private final RawSql sql;

    JdbiSessionTable(Handle handle, RawSql sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public Optional<AgentSession> find(String sessionId) {
        // Twice per claim and once per completion: plain JDBC (see RawSql).
        return sql.one(
                "SELECT * FROM agent_sessions WHERE session_id = ?", rs -> Rows.SESSION.map(rs, null), sessionId);
    }

    @Override
    public Optional<AgentSession> findByTokenHash(String tokenHash) {
        // Every agent call over HTTP authenticates with it: plain JDBC (see RawSql).
        return sql.one(
                "SELECT * FROM agent_sessions WHERE token_hash = ?", rs -> Rows.SESSION.map(rs, null), tokenHash);
    }

    @Override
    public List<AgentSession> list() {
        return handle.createQuery("SELECT * FROM agent_sessions ORDER BY created_at DESC, session_id")
                .map(Rows.SESSION)
                .list();
    }

    @Override
    public void insert(AgentSession s) {
        handle.createUpdate(
                        "INSERT INTO agent_sessions (session_id, agent_name, workspace_id, name, channel, capabilities, "
                                + "state, token_hash, created_at, updated_at) VALUES (:id, :agent, :ws, :name, :channel, :caps, :state, :hash, :c, :u)")
                .bind("id", s.sessionId())
                .bind("agent", s.agentName())
                .bind("ws", s.workspaceId())
                .bind("name", s.name())
                .bind("channel", s.channel())
                .bind("caps", s.capabilities().isEmpty() ? "" : String.join(",", s.capabilities()))
                .bind("state", Rows.wire(s.state()))
                .bind("hash", s.tokenHash())
                .bind("c", Micros.of(s.createdAt()))
                .bind("u", Micros.of(s.updatedAt()))
                .execute();
    }

    @Override
    public void update(AgentSession s) {
        handle.createUpdate("UPDATE agent_sessions SET state = :state, updated_at = :u WHERE session_id = :id")
                .bind("state", Rows.wire(s.state()))
                .bind("u", Micros.of(s.updatedAt()))
                .bind("id", s.sessionId())
                .execute();
    }
}
