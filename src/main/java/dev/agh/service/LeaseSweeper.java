package dev.agh.service;

import static dev.agh.service.Mutation.payload;

import dev.agh.domain.Actor;
import dev.agh.domain.ActorKind;
import dev.agh.domain.EventType;
import dev.agh.domain.OriginKind;
import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import dev.agh.domain.Task;
import dev.agh.store.StoreTransaction;
import java.time.Instant;

/**
 * Puts runs whose lease lapsed back in the queue. A run that has lapsed more often than its task's
 * {@code max_attempts} is failed with "lease expired repeatedly": a crash loop ends. Runs in
 * {@code agh serve} every second, and inside every claim so embedded use needs no daemon.
 */
final class LeaseSweeper {
    static final Caller SWEEPER = new Caller(new Actor(ActorKind.DAEMON, "lease-sweeper"), OriginKind.DAEMON, null);
    static final String REPEATED = "lease expired repeatedly";
    private static final int BATCH = 100;

    private LeaseSweeper() {}

    /** Sweeps within an open write transaction; returns how many runs it recovered. */
    static int sweep(StoreTransaction tx, Instant now) {
        int recovered = 0;
        for (Run run : tx.runs().expiredLeases(now, BATCH)) {
            Mutation m = new Mutation(tx, SWEEPER, "tasks.lease_sweep", now);
            Task task = m.lockTask(run.taskId());
            int expiries = run.leaseExpiries() + 1;
            if (expiries > task.maxAttempts()) {
                Run failed = run.requeued(expiries).ended(RunStatus.FAILED, REPEATED, null, now);
                Task after = m.runChanged(failed);
                m.emit(
                        run.taskId(),
                        run.id(),
                        EventType.RUN_FAILED,
                        payload(
                                "status",
                                "failed",
                                "task_status",
                                after.status(),
                                "error",
                                REPEATED,
                                "previous_claim_token_hash",
                                run.claimTokenHash(),
                                "session_id",
                                run.sessionId()));
            } else {
                Run requeued = run.requeued(expiries);
                Task after = m.runChanged(requeued);
                m.emit(
                        run.taskId(),
                        run.id(),
                        EventType.RUN_LEASE_EXPIRED,
                        payload(
                                "previous_status",
                                run.status(),
                                "status",
                                "queued",
                                "task_status",
                                after.status(),
                                "reason",
                                "lease expired",
                                "session_id",
                                run.sessionId(),
                                "lease_until",
                                run.leaseUntil(),
                                "previous_claim_token_hash",
                                run.claimTokenHash(),
                                "coordination_channel_id",
                                run.coordinationChannelId()));
            }
            recovered++;
        }
        return recovered;
    }
}
