package dev.agh.store.jdbi;

import dev.agh.store.ObserveTable;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * {@link ObserveTable} in SQL common to H2 and PostgreSQL: the dashboard's reads are in {@link
 * JdbiDashboardReads}, the inbox's in {@link JdbiInboxReads}.
 */
final class JdbiObserveTable implements ObserveTable {
    private final JdbiDashboardReads dashboard;
    private final JdbiInboxReads inbox;

    JdbiObserveTable(Handle handle) {
        this.dashboard = new JdbiDashboardReads(handle);
        this.inbox = new JdbiInboxReads(handle);
    }

    @Override
    public TaskTotals taskTotals(Filter filter) {
        return dashboard.taskTotals(filter);
    }

    @Override
    public RunTotals runTotals(Filter filter) {
        return dashboard.runTotals(filter);
    }

    @Override
    public List<QueueRow> queueDepth(Filter filter) {
        return dashboard.queueDepth(filter);
    }

    @Override
    public long stuckRuns(Filter filter, Instant now, StuckThresholds thresholds) {
        return dashboard.stuckRuns(filter, now, thresholds);
    }

    @Override
    public long activeOrphanRuns(Filter filter) {
        return dashboard.activeOrphanRuns(filter);
    }

    @Override
    public List<ActiveRunRow> activeRuns(Filter filter, int limit) {
        return dashboard.activeRuns(filter, limit);
    }

    @Override
    public long eventCount(Filter filter, String eventType, Instant since) {
        return dashboard.eventCount(filter, eventType, since);
    }

    @Override
    public List<LaneCount> inboxCounts(InboxFilter filter) {
        return inbox.inboxCounts(filter);
    }

    @Override
    public List<InboxRow> inboxItems(InboxFilter filter) {
        return inbox.inboxItems(filter);
    }
}
