package dev.agh.domain;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

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
        return with(c -> {
            c.status = RunStatus.QUEUED;
            c.claimedBy = null;
            c.sessionId = null;
            c.claimTokenHash = null;
            c.leaseUntil = null;
            c.heartbeatAt = null;
            c.claimedAt = null;
            c.startedAt = null;
            c.endedAt = null;
            c.error = null;
            c.resultJson = null;
            c.leaseExpiries = expiries;
        });
    }

    public Run claimed(Actor by, String session, String tokenHash, Instant leaseEnd, Instant now) {
        return with(c -> {
            c.status = RunStatus.CLAIMED;
            c.claimedBy = by;
            c.sessionId = session;
            c.claimTokenHash = tokenHash;
            c.leaseUntil = leaseEnd;
            c.heartbeatAt = leaseEnd == null ? null : now;
            c.claimedAt = now;
            c.startedAt = null;
            c.endedAt = null;
            c.error = null;
            c.resultJson = null;
        });
    }

    public Run withLease(Instant leaseEnd, Instant heartbeat) {
        return with(c -> {
            c.leaseUntil = leaseEnd;
            c.heartbeatAt = heartbeat;
        });
    }

    public Run withSession(RunStatus next, String session) {
        return with(c -> {
            c.status = next;
            c.sessionId = session;
        });
    }

    public Run started(Instant now) {
        return with(c -> {
            c.status = RunStatus.RUNNING;
            c.startedAt = now;
        });
    }

    /** Completed, failed or canceled: the lease ends; the claimer, session and token hash stay as a record. */
    public Run ended(RunStatus terminal, String errorText, String result, Instant now) {
        boolean keepLease = terminal == RunStatus.CANCELED;
        return with(c -> {
            c.status = terminal;
            c.leaseUntil = keepLease ? leaseUntil : null;
            c.heartbeatAt = keepLease ? heartbeatAt : null;
            c.endedAt = now;
            c.error = errorText;
            c.resultJson = result;
        });
    }

    /** This run with what {@code change} sets in a copy of its fields; the one place that copies them all. */
    private Run with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The fields of a run, to be changed by a wither before it builds the new record. */
    private static final class Copy {
        private String id;
        private String taskId;
        private RunStatus status;
        private int attempt;
        private Actor claimedBy;
        private String sessionId;
        private Origin origin;
        private String idempotencyKey;
        private String networkChannel;
        private String claimTokenHash;
        private Instant leaseUntil;
        private Instant heartbeatAt;
        private String coordinationChannelId;
        private Instant queuedAt;
        private Instant claimedAt;
        private Instant startedAt;
        private Instant endedAt;
        private String error;
        private String metadataJson;
        private String resultJson;
        private int leaseExpiries;
        private List<String> requiredCapabilities;
        private Instant notBefore;

        Copy(Run from) {
            id = from.id;
            taskId = from.taskId;
            status = from.status;
            attempt = from.attempt;
            claimedBy = from.claimedBy;
            sessionId = from.sessionId;
            origin = from.origin;
            idempotencyKey = from.idempotencyKey;
            networkChannel = from.networkChannel;
            claimTokenHash = from.claimTokenHash;
            leaseUntil = from.leaseUntil;
            heartbeatAt = from.heartbeatAt;
            coordinationChannelId = from.coordinationChannelId;
            queuedAt = from.queuedAt;
            claimedAt = from.claimedAt;
            startedAt = from.startedAt;
            endedAt = from.endedAt;
            error = from.error;
            metadataJson = from.metadataJson;
            resultJson = from.resultJson;
            leaseExpiries = from.leaseExpiries;
            requiredCapabilities = from.requiredCapabilities;
            notBefore = from.notBefore;
        }

        Run build() {
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
    }
}
