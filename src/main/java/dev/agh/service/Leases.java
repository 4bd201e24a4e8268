package dev.agh.service;

import static dev.agh.service.Mutation.payload;

import dev.agh.api.ClaimPayload;
import dev.agh.api.CoordinationChannelPayload;
import dev.agh.api.Json;
import dev.agh.api.LeasePayload;
import dev.agh.api.Requests.ClaimNext;
import dev.agh.api.Responses.LeaseResponse;
import dev.agh.api.RunPayload;
import dev.agh.api.TaskReference;
import dev.agh.domain.AgentSession;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.EventType;
import dev.agh.domain.RetryPolicy;
import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import dev.agh.domain.Task;
import dev.agh.domain.Tokens;
import dev.agh.store.ClaimFilter;
import dev.agh.store.StoreTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agent's path ({@code /api/agent/tasks/…}): claim-next under a lease, then heartbeat,
 * complete, fail or release. Every write after the claim is fenced twice: the run must be held by
 * the caller's session, and the update is a compare-and-set on the run's token hash with an
 * unexpired lease, so a worker whose lease lapsed can never write to a run claimed again.
 */
final class Leases {
    static final long DEFAULT_LEASE_SECONDS = 300;
    static final long MAX_LEASE_SECONDS = 86_400;
    private static final int PAGE = 32;

    private Leases() {}

    /** A validated claim-next request. */
    record ClaimCriteria(
            AgentSession session, ClaimFilter filter, List<String> capabilities, Duration lease, boolean worthTrying) {
        /** The same criteria, marked by whether a claim could succeed right now. */
        ClaimCriteria onlyIf(java.util.function.Predicate<ClaimCriteria> test) {
            return new ClaimCriteria(session, filter, capabilities, lease, test.test(this));
        }
    }

    static ClaimCriteria criteria(StoreTransaction tx, Caller caller, ClaimNext request) {
        ClaimNext r = request == null ? new ClaimNext(null, null, null, null, null, null, null) : request;
        Inputs.idempotencyKey("claim_next.idempotency_key", r.idempotencyKey());
        AgentSession session = Sessions.ofAgent(tx, caller);
        String workspace = Inputs.trimToNull(r.workspaceId());
        if (workspace != null && !workspace.equals(session.workspaceId())) {
            throw new AghException(
                    ErrorCode.WORKSPACE_FORBIDDEN,
                    session.workspaceId() == null
                            ? "this session is not bound to a workspace; it claims global tasks only"
                            : "this session may only claim in workspace \"" + session.workspaceId() + "\"");
        }
        int minRank = r.priorityMin() == null ? 0 : r.priorityMin();
        if (minRank < 0) {
            throw AghException.invalid("priority_min must be zero or positive, got " + minRank);
        }
        List<String> capabilities = new ArrayList<>(Sessions.capabilities(r.requiredCapabilities()));
        session.capabilities().stream().filter(c -> !capabilities.contains(c)).forEach(capabilities::add);
        ClaimFilter filter = new ClaimFilter(
                session.workspaceId() == null ? "" : session.workspaceId(),
                minRank,
                session.agentName(),
                session.sessionId(),
                session.channel());
        return new ClaimCriteria(
                session, filter, capabilities, Duration.ofSeconds(leaseSeconds(r.leaseSeconds())), true);
    }

    static long leaseSeconds(Long requested) {
        if (requested == null || requested == 0) {
            return DEFAULT_LEASE_SECONDS;
        }
        if (requested < 0) {
            throw AghException.invalid("lease_seconds must be zero or positive, got " + requested);
        }
        if (requested > MAX_LEASE_SECONDS) {
            throw AghException.invalid("lease_seconds exceeds " + MAX_LEASE_SECONDS);
        }
        return requested;
    }

    /** One active lease per session: a claim while holding one is refused (409), never queued up. */
    static boolean holdsLiveLease(StoreTransaction tx, String sessionId, Instant now) {
        return tx.runs().leasedBySession(sessionId).stream()
                .anyMatch(run -> run.leaseUntil() != null && run.leaseUntil().isAfter(now));
    }

    /** The first run the claimer may take, in claim order, without taking it. */
    static Optional<Run> candidate(StoreTransaction tx, ClaimCriteria c, Instant now) {
        // Most queues have no capability requirements: look at the head alone before paging.
        int offset = 0;
        for (int size = 1; ; offset += size, size = PAGE) {
            List<Run> page = tx.runs().claimCandidates(c.filter(), now, size, offset);
            for (Run run : page) {
                if (c.capabilities().containsAll(run.requiredCapabilities())) {
                    return Optional.of(run);
                }
            }
            if (page.size() < size) {
                return Optional.empty();
            }
        }
    }

    /** Claims the best candidate for the caller's session, or returns empty when there is none. */
    static Optional<ClaimPayload> claim(Mutation m, ClaimCriteria c) {
        LeaseSweeper.sweep(m.tx, m.now);
        Sessions.ofAgent(m.tx, m.caller);
        if (holdsLiveLease(m.tx, c.session().sessionId(), m.now)) {
            throw AghException.conflict(
                    ErrorCode.LEASE_ALREADY_HELD,
                    "session \"" + c.session().sessionId() + "\" already owns an active task-run lease");
        }
        Optional<Run> candidate = candidate(m.tx, c, m.now);
        if (candidate.isEmpty()) {
            return Optional.empty();
        }
        Run run = candidate.get();
        // The raw token is never stored or sent: fencing uses the session and this hash.
        String tokenHash = Tokens.hash(Tokens.generate("agh_claim_"));
        Run claimed = run.claimed(m.caller.actor(), c.session().sessionId(), tokenHash, m.now.plus(c.lease()), m.now);
        Task task = m.runChanged(claimed);
        long sequence = m.emit(
                task.id(),
                run.id(),
                EventType.RUN_CLAIMED,
                payload(
                        "status",
                        "claimed",
                        "task_status",
                        task.status(),
                        "claimed_by",
                        m.caller.actor(),
                        "claim_token_hash",
                        tokenHash,
                        "lease_until",
                        claimed.leaseUntil()));
        // The stored row now differs from `task` only by the event just written.
        task = task.touched(sequence, m.now);
        CoordinationChannelPayload channel = CoordinationChannelPayload.of(claimed, task);
        return Optional.of(new ClaimPayload(
                TaskReference.of(task),
                RunPayload.of(claimed).withChannel(channel),
                LeasePayload.of(claimed, channel),
                channel));
    }

    /**
     * A completion or failure ({@code finish}), and with {@code next} the claim of the caller's next run in the same
     * transaction: the bundled agent call. {@code next} is checked before anything is written, so a bad one fails the
     * whole request and the run stays as it was; nothing claimable leaves {@code next} out of the answer.
     */
    static LeaseResponse finishing(Mutation m, ClaimNext next, java.util.function.Supplier<LeasePayload> finish) {
        if (next == null) {
            return new LeaseResponse(finish.get());
        }
        if (Boolean.TRUE.equals(next.waitForWork())) {
            throw AghException.invalid("next.wait is not supported: a completion never waits for work; "
                    + "call claim-next with wait after it");
        }
        ClaimCriteria criteria = criteria(m.tx, m.caller, next);
        LeasePayload finished = finish.get();
        // The claim's events say it was a claim (the origin's action), as from claim-next.
        Mutation claiming = new Mutation(m.tx, m.caller, "agent.task.next", m.now);
        return new LeaseResponse(finished, claim(claiming, criteria).orElse(null));
    }

    static LeasePayload heartbeat(Mutation m, String runId, Long leaseSecondsRequested) {
        long seconds = leaseSeconds(leaseSecondsRequested);
        Run run = held(m, runId);
        Run extended = run.withLease(m.now.plusSeconds(seconds), m.now);
        Task task = write(m, run, extended);
        m.emit(
                run.taskId(),
                runId,
                EventType.RUN_LEASE_EXTENDED,
                payload(
                        "status",
                        extended.status(),
                        "task_status",
                        task.status(),
                        "lease_until",
                        extended.leaseUntil(),
                        "heartbeat_at",
                        m.now,
                        "claim_token_hash",
                        run.claimTokenHash()));
        return lease(m, extended, task);
    }

    /** The holder is working on it: claimed becomes running (so its task is in progress); running stays. */
    static LeasePayload start(Mutation m, String runId) {
        Run run = held(m, runId);
        if (run.status() == RunStatus.RUNNING) {
            return lease(m, run, m.lockTask(run.taskId()));
        }
        Run running = run.started(m.now);
        Task task = write(m, run, running);
        m.emit(
                run.taskId(),
                runId,
                EventType.RUN_STARTED,
                payload(
                        "status",
                        "running",
                        "task_status",
                        task.status(),
                        "session_id",
                        running.sessionId(),
                        "claim_token_hash",
                        run.claimTokenHash()));
        return lease(m, running, task);
    }

    static LeasePayload complete(Mutation m, String runId, String resultJson) {
        Run run = held(m, runId);
        Run done = run.ended(RunStatus.COMPLETED, null, resultJson, m.now);
        Task task = write(m, run, done);
        m.emit(
                run.taskId(),
                runId,
                EventType.RUN_COMPLETED,
                payload(
                        "status",
                        "completed",
                        "task_status",
                        task.status(),
                        "result",
                        resultJson == null ? null : Json.readTree(resultJson, "result"),
                        "claim_token_hash",
                        run.claimTokenHash()));
        AutoEnqueue.afterCompletion(m, run.taskId(), runId);
        return lease(m, done, task);
    }

    /** Fails the held run; a retryable failure is queued again when the retry policy says so. */
    static LeasePayload fail(
            Mutation m, String runId, String error, String metadataJson, boolean retryable, RetryPolicy serverDefault) {
        Run run = held(m, runId);
        Run failed = run.ended(RunStatus.FAILED, error, null, m.now);
        Task task = write(m, run, failed);
        m.emit(
                run.taskId(),
                runId,
                EventType.RUN_FAILED,
                payload(
                        "status",
                        "failed",
                        "task_status",
                        task.status(),
                        "error",
                        error,
                        "metadata",
                        metadataJson == null ? null : Json.readTree(metadataJson, "metadata"),
                        "retryable",
                        retryable ? null : Boolean.FALSE,
                        "claim_token_hash",
                        run.claimTokenHash()));
        Retries.afterFailure(m, failed, retryable, serverDefault);
        return lease(m, failed, task);
    }

    static LeasePayload release(Mutation m, String runId, String reason) {
        Run run = held(m, runId);
        Run requeued = run.requeued(run.leaseExpiries());
        Task task = write(m, run, requeued);
        m.emit(
                run.taskId(),
                runId,
                EventType.RUN_RELEASED,
                payload(
                        "previous_status",
                        run.status(),
                        "status",
                        "queued",
                        "task_status",
                        task.status(),
                        "reason",
                        reason,
                        "session_id",
                        run.sessionId()));
        return lease(m, requeued, task);
    }

    /** The run the caller's session holds under a live lease, or the precise reason it does not. */
    private static Run held(Mutation m, String runId) {
        AgentSession session = Sessions.ofAgent(m.tx, m.caller);
        Run run = m.tx.runs().find(runId).orElseThrow(() -> AghException.runNotFound(runId));
        boolean mine = session.sessionId().equals(run.sessionId()) && run.claimTokenHash() != null;
        if (!mine) {
            long live = m.tx.runs().leasedBySession(session.sessionId()).stream()
                    .filter(r -> r.leaseUntil() != null && r.leaseUntil().isAfter(m.now))
                    .count();
            if (live == 1) {
                throw new AghException(
                        ErrorCode.FOREIGN_RUN, "task run \"" + runId + "\" is not the run this session holds");
            }
            throw AghException.conflict(
                    ErrorCode.NO_ACTIVE_LEASE,
                    "session \"" + session.sessionId() + "\" holds no lease on task run \"" + runId
                            + "\" (expired, released or claimed by another session)");
        }
        if (!run.status().isActive()
                || run.leaseUntil() == null
                || !run.leaseUntil().isAfter(m.now)) {
            throw AghException.conflict(
                    ErrorCode.LEASE_EXPIRED,
                    "the lease on task run \"" + runId + "\" is no longer active ("
                            + run.status().wire() + ")");
        }
        return run;
    }

    private static Task write(Mutation m, Run before, Run after) {
        if (!m.tx.runs().updateFenced(after, before.claimTokenHash(), before.sessionId(), m.now)) {
            throw AghException.conflict(
                    ErrorCode.LEASE_EXPIRED, "the lease on task run \"" + before.id() + "\" changed underneath");
        }
        return m.afterRunChange(after);
    }

    private static LeasePayload lease(Mutation m, Run run, Task task) {
        return LeasePayload.of(run, CoordinationChannelPayload.of(run, task));
    }
}
