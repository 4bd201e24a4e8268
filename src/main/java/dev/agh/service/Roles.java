package dev.agh.service;

import dev.agh.api.Operation;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;

/**
 * The role model, applied by the service so every surface (HTTP, the CLI, the worker) agrees: the operator may do
 * everything; an agent session uses the agent routes, reads, triages its own inbox and may stop its own session.
 * Creating and changing tasks, the approval gate, runs by hand, sessions and workspaces are the operator's: an
 * agent that could approve its own work or cancel another agent's run would make both meaningless.
 */
final class Roles {
    private Roles() {}

    static void require(Caller caller, Operation operation) {
        require(caller, operation, null);
    }

    /** {@code subjectSessionId}: the session an {@link Operation.Access#OPERATOR_OR_OWN_SESSION} operation acts on. */
    static void require(Caller caller, Operation operation, String subjectSessionId) {
        boolean agent = caller != null && caller.sessionId() != null;
        boolean allowed = switch (operation.access()) {
            case PUBLIC, READ, OWN_VIEW, AGENT -> true;
            case OPERATOR -> !agent;
            case OPERATOR_OR_OWN_SESSION -> !agent || caller.sessionId().equals(subjectSessionId);
        };
        if (!allowed) {
            throw new AghException(
                    ErrorCode.OPERATOR_ONLY,
                    operation.id() + " needs the operator; an agent session may use"
                            + " the agent routes, read, triage its own inbox and stop its own session");
        }
    }
}
