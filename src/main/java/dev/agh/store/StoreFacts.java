package dev.agh.store;

import java.util.List;

/**
 * What {@code agh store check} reports: how big the store is against its live data, and whether the copies
 * the store keeps (totals, counters, one open run per task) agree with the rows they summarize.
 *
 * @param fileBytes the size of the embedded file, or null on PostgreSQL
 * @param fillPercent the share of the file's chunks that is live data (H2), or null
 * @param problems one line per disagreement found; empty when the store is sound
 */
public record StoreFacts(
        String engine,
        Long fileBytes,
        Integer fillPercent,
        long tasks,
        long runs,
        long events,
        List<String> problems) {}
