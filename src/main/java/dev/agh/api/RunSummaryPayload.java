package dev.agh.api;

import dev.agh.domain.Actor;
import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import java.time.Instant;

/**
 * The short form of a run ({@code TaskRunSummaryPayload}), with the task's attempt budget; {@code not_before} as on
 * {@link RunPayload}.
 */
public record RunSummaryPayload(
        String id,
        String taskId,
        RunStatus status,
        int attempt,
        int maxAttempts,
        Actor claimedBy,
        String sessionId,
        String claimTokenHash,
        Instant leaseUntil,
        Instant heartbeatAt,
        String coordinationChannelId,
        Instant queuedAt,
        Instant claimedAt,
        Instant startedAt,
        Instant endedAt,
        String error,
        Instant notBefore) {

    public static RunSummaryPayload of(Run r, int maxAttempts) {
        return new RunSummaryPayload(
                r.id(),
                r.taskId(),
                r.status(),
                r.attempt(),
                maxAttempts,
                r.claimedBy(),
                r.sessionId(),
                r.claimTokenHash(),
                r.leaseUntil(),
                r.heartbeatAt(),
                r.coordinationChannelId(),
                r.queuedAt(),
                r.claimedAt(),
                r.startedAt(),
                r.endedAt(),
                r.error(),
                r.notBefore());
    }
}
