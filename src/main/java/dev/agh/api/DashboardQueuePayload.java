package dev.agh.api;

import java.time.Instant;
import java.util.List;

/** Queued runs: total, oldest, backlog warning and depth per channel ({@code depth} omitted when empty). */
public record DashboardQueuePayload(
        long total,
        Instant oldestQueuedAt,
        long oldestQueueAgeMs,
        long backlogThresholdMs,
        boolean backlogWarning,
        String backlogStatus,
        List<Depth> depth) {

    /** Queued runs of one channel; {@code network_channel} omitted for runs without one. */
    public record Depth(String networkChannel, long count, Instant oldestQueuedAt, long oldestQueueAgeMs) {}
}
