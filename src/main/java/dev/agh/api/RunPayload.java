package dev.agh.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.domain.Actor;
import dev.agh.domain.Origin;
import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import java.time.Instant;

/**
 * A run on the wire ({@code TaskRunPayload}). The raw claim token never appears, only its hash. {@code not_before}
 * (agh extension): a queued run is not claimable before it (a delayed start or a scheduled retry).
 */
public record RunPayload(
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
        JsonNode metadata,
        JsonNode result,
        CoordinationChannelPayload coordinationChannel,
        Instant notBefore) {

    public static RunPayload of(Run r) {
        return new RunPayload(
                r.id(),
                r.taskId(),
                r.status(),
                r.attempt(),
                r.claimedBy(),
                r.sessionId(),
                r.origin(),
                r.idempotencyKey(),
                r.networkChannel(),
                r.claimTokenHash(),
                r.leaseUntil(),
                r.heartbeatAt(),
                r.coordinationChannelId(),
                r.queuedAt(),
                r.claimedAt(),
                r.startedAt(),
                r.endedAt(),
                r.error(),
                tree(r.metadataJson()),
                tree(r.resultJson()),
                null,
                r.notBefore());
    }

    /** The run with its coordination channel spelled out, as claim responses carry it. */
    public RunPayload withChannel(CoordinationChannelPayload channel) {
        return new RunPayload(
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
                metadata,
                result,
                channel,
                notBefore);
    }

    static JsonNode tree(String json) {
        return json == null ? null : Json.readTree(json, "stored JSON");
    }
}
