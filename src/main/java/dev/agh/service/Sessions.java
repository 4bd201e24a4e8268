package dev.agh.service;

import static dev.agh.service.Mutation.payload;

import dev.agh.api.Requests.NewSession;
import dev.agh.domain.ActorKind;
import dev.agh.domain.AgentSession;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.EventType;
import dev.agh.domain.Ids;
import dev.agh.domain.Limits;
import dev.agh.domain.Run;
import dev.agh.domain.SessionState;
import dev.agh.domain.Task;
import dev.agh.domain.Tokens;
import dev.agh.store.StoreTransaction;
import java.util.ArrayList;
import java.util.List;

/** Agent sessions: created by operators, authenticated by token hash, stopped with their leases released. */
final class Sessions {
    private Sessions() {}

    /** A new session and its secret token, which is returned once and stored only as a hash. */
    record Created(AgentSession session, String token) {}

    static Created create(Mutation m, NewSession r) {
        requireOperator(m.caller);
        if (r == null) {
            throw AghException.invalid("request body is required");
        }
        String agent = Inputs.label("agent_name", r.agentName(), true);
        String workspaceRef = Inputs.trimToNull(r.workspace());
        String workspaceId = workspaceRef == null
                ? null
                : Workspaces.resolve(m.tx, workspaceRef).id();
        String channel = Limits.requireChannel("channel", r.channel());
        List<String> capabilities = capabilities(r.capabilities());
        String token = Tokens.generate("agh_sess_");
        AgentSession session = new AgentSession(
                Ids.session(),
                agent,
                workspaceId,
                Inputs.label("name", r.name(), false),
                channel,
                capabilities,
                SessionState.ACTIVE,
                Tokens.hash(token),
                m.now,
                m.now);
        m.tx.sessions().insert(session);
        return new Created(session, token);
    }

    /** Stops the session and puts every run it holds back in the queue at once. */
    static AgentSession stop(Mutation m, String sessionId) {
        AgentSession session = find(m.tx, sessionId);
        if (m.caller.actor().kind() != ActorKind.HUMAN && !sessionId.equals(m.caller.sessionId())) {
            throw new AghException(ErrorCode.FORBIDDEN, "an agent session may only stop itself");
        }
        if (!session.active()) {
            return session;
        }
        AgentSession stopped = session.stopped(m.now);
        m.tx.sessions().update(stopped);
        for (Run run : m.tx.runs().leasedBySession(sessionId)) {
            Run requeued = run.requeued(run.leaseExpiries());
            Task after = m.runChanged(requeued);
            m.emit(
                    run.taskId(),
                    run.id(),
                    EventType.RUN_RELEASED,
                    payload(
                            "previous_status",
                            run.status(),
                            "status",
                            "queued",
                            "task_status",
                            after.status(),
                            "reason",
                            "session stopped",
                            "session_id",
                            sessionId));
        }
        return stopped;
    }

    static AgentSession find(StoreTransaction tx, String sessionId) {
        return tx.sessions()
                .find(sessionId)
                .orElseThrow(() ->
                        new AghException(ErrorCode.SESSION_NOT_FOUND, "agent session \"" + sessionId + "\" not found"));
    }

    static AgentSession requireActive(StoreTransaction tx, String sessionId) {
        AgentSession session = find(tx, sessionId);
        if (!session.active()) {
            throw AghException.conflict(ErrorCode.INVALID_TRANSITION, "agent session \"" + sessionId + "\" is stopped");
        }
        return session;
    }

    /** The calling agent's session; people and stopped sessions are refused as unauthenticated. */
    static AgentSession ofAgent(StoreTransaction tx, Caller caller) {
        if (caller.sessionId() == null) {
            throw new AghException(
                    ErrorCode.UNAUTHENTICATED,
                    "agent routes need an agent session (a session token, or --session / AGH_SESSION_ID)");
        }
        AgentSession session = tx.sessions()
                .find(caller.sessionId())
                .orElseThrow(() -> new AghException(
                        ErrorCode.UNAUTHENTICATED, "unknown agent session \"" + caller.sessionId() + "\""));
        if (!session.active()) {
            throw new AghException(
                    ErrorCode.UNAUTHENTICATED, "agent session \"" + session.sessionId() + "\" is stopped");
        }
        return session;
    }

    static List<String> capabilities(List<String> raw) {
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (String capability : raw) {
            if (capability == null
                    || !Execution.CAPABILITY.matcher(capability.trim()).matches()) {
                throw AghException.invalid(
                        "capabilities must be non-blank words of at most 128 bytes without spaces or commas, got \""
                                + capability + "\"");
            }
            if (!out.contains(capability.trim())) {
                out.add(capability.trim());
            }
        }
        return out;
    }

    private static void requireOperator(Caller caller) {
        if (caller.actor().kind() != ActorKind.HUMAN) {
            throw new AghException(ErrorCode.FORBIDDEN, "only operators create agent sessions");
        }
    }
}
