package dev.agh.api;

import dev.agh.domain.Actor;
import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import java.time.Instant;

/** A run's lease as the agent sees it ({@code TaskRunLeaseSummaryPayload}). */
public record LeasePayload(
        String taskId,
        String runId,
        RunStatus status,
        String sessionId,
        Actor claimedBy,
        String claimTokenHash,
        Instant leaseUntil,
        Instant heartbeatAt,
        String coordinationChannelId,
        CoordinationChannelPayload coordinationChannel) {

    public static LeasePayload of(Run r, CoordinationChannelPayload channel) {
        return new LeasePayload(
                r.taskId(),
                r.id(),
                r.status(),
                r.sessionId(),
                r.claimedBy(),
                r.claimTokenHash(),
                r.leaseUntil(),
                r.heartbeatAt(),
                r.coordinationChannelId(),
                channel);
    }
}
