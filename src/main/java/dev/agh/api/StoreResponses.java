package dev.agh.api;

import java.time.Instant;
import java.util.List;

/** The bodies of {@code /api/store} (agh extensions): the store's health, retention and backups. */
public final class StoreResponses {
    private StoreResponses() {}

    /**
     * {@code GET /api/store}: sizes and consistency. {@code live_bytes} is the file size times the share of its
     * chunks that is live (H2); on PostgreSQL the sizes are absent.
     */
    public record StoreCheckPayload(
            String engine,
            Long fileBytes,
            Long liveBytes,
            Integer fillPercent,
            long tasks,
            long runs,
            long events,
            boolean ok,
            List<String> problems) {}

    public record StoreCheckResponse(StoreCheckPayload store) {}

    /**
     * What a prune removed, or with {@code dry_run} would remove: finished trees closed before {@code cutoff}.
     * {@code done} is false when the request stopped at its {@code max_tasks} with more left to prune.
     */
    public record PrunePayload(boolean dryRun, Instant cutoff, long tasks, long runs, long events, boolean done) {}

    public record PruneResponse(PrunePayload prune) {}

    /** {@code POST /api/store/compact}: the file's size before and after. */
    public record CompactPayload(long bytesBefore, long bytesAfter) {}

    public record CompactResponse(CompactPayload compact) {}

    /** A backup written by the server: where, and how big. */
    public record BackupPayload(String path, long bytes) {}

    public record BackupResponse(BackupPayload backup) {}
}
