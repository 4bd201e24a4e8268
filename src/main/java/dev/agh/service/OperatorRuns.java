package dev.agh.service;

import static dev.agh.service.Mutation.payload;

import dev.agh.api.Json;
import dev.agh.api.Requests.AttachSession;
import dev.agh.api.Requests.Cancel;
import dev.agh.api.Requests.ClaimNext;
import dev.agh.api.Requests.ClaimRun;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.FailRun;
import dev.agh.domain.ActorKind;
import dev.agh.domain.AgentSession;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.EventType;
import dev.agh.domain.Limits;
import dev.agh.domain.OwnerKind;
import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import dev.agh.domain.Task;

/**
 * The operator's path through a run ({@code /api/task-runs/{id}/…}): claim without a lease, start,
 * attach a session, complete, fail, cancel. Runs claimed by an agent under a lease can only be
 * completed or failed by that agent, through the fenced lease path.
 */
final class OperatorRuns {
    private OperatorRuns() {}

    static Run claim(Mutation m, String runId, ClaimRun r) {
        requireKeyForAgents(m, r, "claim_run");
        Run run = find(m, runId);
        Task task = m.lockTask(run.taskId());
        Execution.requireExecutable(task);
        requireStatus(run, RunStatus.CLAIMED, RunStatus.QUEUED);
        if (task.owner() != null && task.owner().kind() == OwnerKind.POOL) {
            throw AghException.conflict(
                    ErrorCode.CLAIM_NOT_ALLOWED, "pool work is claimed through claim-next, not by id");
        }
        if (task.owner() != null
                && task.owner().kind() == OwnerKind.AGENT_SESSION
                && !task.owner().ref().equals(m.caller.sessionId())) {
            throw AghException.conflict(
                    ErrorCode.CLAIM_NOT_ALLOWED,
                    "task is owned by agent session \"" + task.owner().ref() + "\"");
        }
        Run claimed = run.claimed(m.caller.actor(), null, null, null, m.now);
        Task after = m.runChanged(claimed);
        m.emit(
                task.id(),
                runId,
                EventType.RUN_CLAIMED,
                payload("status", "claimed", "task_status", after.status(), "claimed_by", m.caller.actor()));
        return claimed;
    }

    static Run start(Mutation m, String runId, ClaimRun r) {
        requireKeyForAgents(m, r, "start_run");
        Run run = find(m, runId);
        Execution.requireExecutable(m.lockTask(run.taskId()));
        // A lease-claimed run may be marked running by the operator; its agent still completes it.
        requireStatus(run, RunStatus.RUNNING, RunStatus.CLAIMED, RunStatus.STARTING);
        Run running = run.started(m.now);
        Task after = m.runChanged(running);
        m.emit(
                run.taskId(),
                runId,
                EventType.RUN_STARTED,
                payload("status", "running", "task_status", after.status(), "session_id", running.sessionId()));
        return running;
    }

    static Run attach(Mutation m, String runId, AttachSession r) {
        String sessionId = Inputs.trimToNull(r == null ? null : r.sessionId());
        if (sessionId == null) {
            throw AghException.invalid("attach_session.session_id is required");
        }
        Run run = find(m, runId);
        Execution.requireExecutable(m.lockTask(run.taskId()));
        if (run.sessionId() != null) {
            throw AghException.conflict(
                    ErrorCode.SESSION_ALREADY_BOUND,
                    "task run \"" + runId + "\" already has session \"" + run.sessionId() + "\"");
        }
        requireStatus(run, RunStatus.STARTING, RunStatus.CLAIMED, RunStatus.STARTING);
        AgentSession session = Sessions.requireActive(m.tx, sessionId);
        boolean busy = m.tx.runs().leasedBySession(session.sessionId()).stream()
                .anyMatch(other -> !other.id().equals(runId));
        if (busy) {
            throw AghException.conflict(
                    ErrorCode.SESSION_ALREADY_BOUND, "session \"" + sessionId + "\" is bound to another active run");
        }
        Run attached = run.withSession(RunStatus.STARTING, sessionId);
        Task after = m.runChanged(attached);
        m.emit(
                run.taskId(),
                runId,
                EventType.RUN_SESSION_BOUND,
                payload("status", "starting", "task_status", after.status(), "session_id", sessionId));
        return attached;
    }

    static Run complete(Mutation m, String runId, CompleteRun r) {
        String result = RunPayloads.checked("result", r == null ? null : r.result(), Limits.MAX_PAYLOAD_BYTES);
        refuseNext(r == null ? null : r.next());
        Run run = find(m, runId);
        requireUnleased(run, "completed");
        requireStatus(run, RunStatus.COMPLETED, RunStatus.RUNNING);
        Run done = run.ended(RunStatus.COMPLETED, null, result, m.now);
        Task after = m.runChanged(done);
        m.emit(
                run.taskId(),
                runId,
                EventType.RUN_COMPLETED,
                payload(
                        "status",
                        "completed",
                        "task_status",
                        after.status(),
                        "result",
                        result == null ? null : Json.readTree(result, "result")));
        AutoEnqueue.afterCompletion(m, run.taskId(), runId);
        return done;
    }

    static Run fail(Mutation m, String runId, FailRun r) {
        String error = Inputs.label("fail_run.error", r == null ? null : r.error(), true);
        String metadata = RunPayloads.checked("metadata", r.metadata(), Limits.MAX_METADATA_BYTES);
        refuseNext(r.next());
        Run run = find(m, runId);
        requireUnleased(run, "failed");
        requireStatus(run, RunStatus.FAILED, RunStatus.STARTING, RunStatus.RUNNING);
        Run failed = run.ended(RunStatus.FAILED, error, null, m.now);
        Task after = m.runChanged(failed);
        m.emit(
                run.taskId(),
                runId,
                EventType.RUN_FAILED,
                payload(
                        "status",
                        "failed",
                        "task_status",
                        after.status(),
                        "error",
                        error,
                        "metadata",
                        metadata == null ? null : Json.readTree(metadata, "metadata")));
        return failed;
    }

    /** {@code next} claims for an agent session; an operator's completion or failure has none to claim for. */
    private static void refuseNext(ClaimNext next) {
        if (next != null) {
            throw AghException.invalid("next is for agents: it claims the session's next run on "
                    + "POST /api/agent/tasks/{run_id}/complete or /fail");
        }
    }

    static Run cancel(Mutation m, String runId, Cancel r) {
        String reason = Inputs.label("reason", r == null ? null : r.reason(), false);
        String metadata = Inputs.json("metadata", r == null ? null : r.metadata(), Limits.MAX_METADATA_BYTES);
        Run run = find(m, runId);
        if (run.status().isTerminal()) {
            throw transition(run, RunStatus.CANCELED);
        }
        Run canceled = run.ended(RunStatus.CANCELED, null, null, m.now);
        Task after = m.runChanged(canceled);
        m.emit(
                run.taskId(),
                runId,
                EventType.RUN_CANCELED,
                payload(
                        "status",
                        "canceled",
                        "task_status",
                        after.status(),
                        "reason",
                        reason,
                        "metadata",
                        metadata == null ? null : Json.readTree(metadata, "metadata"),
                        "session_id",
                        run.sessionId()));
        return canceled;
    }

    static Run find(Mutation m, String runId) {
        return m.tx.runs().find(runId).orElseThrow(() -> AghException.runNotFound(runId));
    }

    private static void requireKeyForAgents(Mutation m, ClaimRun r, String operation) {
        String key = r == null ? null : Inputs.idempotencyKey(operation + ".idempotency_key", r.idempotencyKey());
        if (m.caller.actor().kind() != ActorKind.HUMAN && key == null) {
            throw AghException.invalid(operation + ".idempotency_key is required for non-human actors");
        }
    }

    private static void requireUnleased(Run run, String verb) {
        if (run.claimTokenHash() != null) {
            throw AghException.conflict(
                    ErrorCode.INVALID_TRANSITION,
                    "task run \"" + run.id() + "\" is held under an agent lease; it can only be " + verb
                            + " by its agent (token-fenced)");
        }
    }

    private static void requireStatus(Run run, RunStatus target, RunStatus... allowed) {
        for (RunStatus status : allowed) {
            if (run.status() == status) {
                return;
            }
        }
        throw transition(run, target);
    }

    static AghException transition(Run run, RunStatus target) {
        return AghException.conflict(
                ErrorCode.INVALID_TRANSITION,
                "task run \"" + run.id() + "\" cannot transition from \""
                        + run.status().wire() + "\" to \"" + target.wire() + "\"");
    }
}
