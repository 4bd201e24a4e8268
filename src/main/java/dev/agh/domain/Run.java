package dev.agh.domain;

import java.time.Instant;

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
    int leaseExpiries) {}
