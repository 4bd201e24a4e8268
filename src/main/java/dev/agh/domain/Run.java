package dev.agh.domain;

import java.time.Instant;
import java.util.List;

/** One attempt at a task, and the only work queue: a queued run is claimable work. */
public record Run(
        String id,
        String taskId,
        RunStatus status,
        int attempt,
        Actor claimedBy,
        String sessionId,
        Origin origin,
        String idempotencyKey,
        String networkChannel,
        String claimTokenHash,
        Instant leaseUntil,
        Instant heartbeatAt,
        String coordinationChannelId,
        Instant queuedAt,
        Instant claimedAt,
        Instant startedAt,
        Instant endedAt,
        String error,
        String metadataJson,
        String resultJson,
        int leaseExpiries,
        List<String> requiredCapabilities,
        Instant notBefore) {

    /** Whether the run may not be claimed yet at {@code now}. */
    public boolean delayedAt(Instant now) {
        return notBefore != null && notBefore.isAfter(now);
    }

    /** A new queued run: attempt {@code attempt} of {@code taskId}. */
    public static Run queued(
            String id,
            String taskId,
            int attempt,
            Origin origin,
            String idempotencyKey,
            String networkChannel,
            String coordinationChannelId,
            Instant now,
            String metadataJson,
            List<String> requiredCapabilities,
            Instant notBefore) {
        return new Run(
                id,
                taskId,
                RunStatus.QUEUED,
                attempt,
                null,
                null,
                origin,
                idempotencyKey,
                networkChannel,
                null,
                null,
                null,
                coordinationChannelId,
                now,
                null,
                null,
                null,
                null,
                metadataJson,
                null,
                0,
                requiredCapabilities,
                notBefore);
    }

    /** Back in the queue, as if never claimed: the attempt, queue time, key and metadata stay. */
    public Run requeued(int expiries) {
        return new Run(
                id,
                taskId,
                RunStatus.QUEUED,
                attempt,
                null,
                null,
                origin,
                idempotencyKey,
                networkChannel,
                null,
                null,
                null,
                coordinationChannelId,
                queuedAt,
                null,
                null,
                null,
                null,
                metadataJson,
                null,
                expiries,
                requiredCapabilities,
                notBefore);
    }

    public Run claimed(Actor by, String session, String tokenHash, Instant leaseEnd, Instant now) {
        return new Run(
                id,
                taskId,
                RunStatus.CLAIMED,
                attempt,
                by,
                session,
                origin,
                idempotencyKey,
                networkChannel,
                tokenHash,
                leaseEnd,
                leaseEnd == null ? null : now,
                coordinationChannelId,
                queuedAt,
                now,
                null,
                null,
                null,
                metadataJson,
                null,
                leaseExpiries,
                requiredCapabilities,
                notBefore);
    }

    public Run withLease(Instant leaseEnd, Instant heartbeat) {
        return new Run(
                id,
                taskId,
                status,
                attempt,
                claimedBy,
                sessionId,
                origin,
                idempotencyKey,
                networkChannel,
                claimTokenHash,
                leaseEnd,
                heartbeat,
                coordinationChannelId,
                queuedAt,
                claimedAt,
                startedAt,
                endedAt,
                error,
                metadataJson,
                resultJson,
                leaseExpiries,
                requiredCapabilities,
                notBefore);
    }

    public Run withSession(RunStatus next, String session) {
        return new Run(
                id,
                taskId,
                next,
                attempt,
                claimedBy,
                session,
                origin,
                idempotencyKey,
                networkChannel,
                claimTokenHash,
                leaseUntil,
                heartbeatAt,
                coordinationChannelId,
                queuedAt,
                claimedAt,
                startedAt,
                endedAt,
                error,
                metadataJson,
                resultJson,
                leaseExpiries,
                requiredCapabilities,
                notBefore);
    }

    public Run started(Instant now) {
        return new Run(
                id,
                taskId,
                RunStatus.RUNNING,
                attempt,
                claimedBy,
                sessionId,
                origin,
                idempotencyKey,
                networkChannel,
                claimTokenHash,
                leaseUntil,
                heartbeatAt,
                coordinationChannelId,
                queuedAt,
                claimedAt,
                now,
                endedAt,
                error,
                metadataJson,
                resultJson,
                leaseExpiries,
                requiredCapabilities,
                notBefore);
    }

    /** Completed, failed or canceled: the lease ends; the claimer, session and token hash stay as a record. */
    public Run ended(RunStatus terminal, String errorText, String result, Instant now) {
        boolean keepLease = terminal == RunStatus.CANCELED;
        return new Run(
                id,
                taskId,
                terminal,
                attempt,
                claimedBy,
                sessionId,
                origin,
                idempotencyKey,
                networkChannel,
                claimTokenHash,
                keepLease ? leaseUntil : null,
                keepLease ? heartbeatAt : null,
                coordinationChannelId,
                queuedAt,
                claimedAt,
                startedAt,
                now,
                errorText,
                metadataJson,
                result,
                leaseExpiries,
                requiredCapabilities,
                notBefore);
    }
}
