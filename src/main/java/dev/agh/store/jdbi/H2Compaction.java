package dev.agh.store.jdbi;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an embedded H2 file from growing with every commit.
 *
 * <p>H2 writes each commit as a new chunk at the end of its file. A chunk is freed once none of its
 * pages is live any more, but in a task queue most chunks keep one or two live pages (the rows of
 * tasks that finished and are never written again), so without compaction the file grows by tens of
 * kilobytes per task, for good: 1.4 GB after 5,000 agent cycles (BENCHMARKS.md). H2 compacts in its
 * background writer thread only, and that thread does not run with {@code WRITE_DELAY=0}, the
 * setting that makes every commit durable before it is acknowledged. So the store's writer does it
 * between batches: it rewrites the live pages of the sparsest old chunks into a new one (at most
 * {@link #WRITE_LIMIT} bytes, a pause of a few milliseconds) and commits, which lets H2 free the old
 * chunks. A turn runs when no write waits, at most every {@link #IDLE_EVERY_NANOS}, and under a load
 * that never lets the writer idle, every {@link #BUSY_EVERY_NANOS} anyway. A chunk younger than H2's
 * retention time (45 s) is never rewritten or freed: H2 keeps it for the case of a crash or power loss.
 */
final class H2Compaction {
    private static final Logger LOG = LoggerFactory.getLogger(H2Compaction.class);
    /** At most one turn per this interval while the writer has nothing else to do. */
    static final long IDLE_EVERY_NANOS = 200_000_000L;
    /** At least one turn per this interval however busy the writer is. */
    static final long BUSY_EVERY_NANOS = 2_000_000_000L;
    /** Compact while less than this share (percent) of the chunks' bytes is live. */
    static final int TARGET_FILL_RATE = 50;
    /**
     * Live bytes moved per turn: bounds the pause a turn adds before the next batch. 256 KiB rather than 1 MiB: shorter
     * pauses for a waiting claim's wake-up (BENCHMARKS.md, "Soak").
     */
    static final int WRITE_LIMIT = 1 << 18;

    private final MVStore store;
    private long lastTurn = System.nanoTime();
    /** After a full compaction: when new chunks may go into freed space again (System.nanoTime), or 0. */
    private long reuseSpaceAgainAt;

    private H2Compaction(MVStore store) {
        this.store = store;
    }

    /**
     * The compaction of the H2 file behind {@code connection}, or null when it is not an H2 database
     * opened in this process (PostgreSQL, an in-memory database, or another process's file reached
     * through H2's automatic server mode: that process compacts it).
     */
    static H2Compaction of(Connection connection) {
        try {
            if (!connection.isWrapperFor(JdbcConnection.class)) {
                return null;
            }
            if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local)) {
                return null;
            }
            MVStore store = local.getDatabase().getStore().getMvStore();
            return store.getFileStore() == null ? null : new H2Compaction(store);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("no compaction of the store file: {}", e.toString());
            return null;
        }
    }

    /** Runs a turn if one is due; {@code idle}: no write is waiting. */
    void maybeRun(boolean idle) {
        long now = System.nanoTime();
        if (reuseSpaceAgainAt != 0 && now - reuseSpaceAgainAt > 0) {
            store.setReuseSpace(true);
            reuseSpaceAgainAt = 0;
        }
        if (now - lastTurn < (idle ? IDLE_EVERY_NANOS : BUSY_EVERY_NANOS)) {
            return;
        }
        lastTurn = now;
        runTurn();
    }

    /** Rewrites the sparsest old chunks, up to {@link #WRITE_LIMIT} live bytes; true if any was. */
    boolean runTurn() {
        try {
            if (store.isClosed() || !store.compact(TARGET_FILL_RATE, WRITE_LIMIT)) {
                return false;
            }
            store.commit();
            return true;
        } catch (RuntimeException e) {
            // Compaction only saves space; a failed turn is tried again later and costs no data.
            LOG.warn("compacting the store file failed: {}", e.toString());
            return false;
        }
    }

    /**
     * Compacts the whole file now, for up to {@code maxMillis} ({@code agh store compact}): H2 rewrites the live pages
     * and moves the chunks together so the file shrinks. H2 drops its chunk retention time for this (it would keep
     * the newest 45 s of chunks); it is set back afterwards. Returns the file size before and after.
     */
    long[] compactFully(int maxMillis) {
        long before = store.getFileStore().size();
        int retention = store.getRetentionTime();
        try {
            store.compactFile(maxMillis);
        } finally {
            store.setRetentionTime(retention);
            // The chunks freed while the retention time was 0 are free at once. A commit written into one of them
            // right after was lost to a kill -9 (H2's recovery follows its chunks from the last file header and
            // missed it: DurabilityTest lost the writes of the last few milliseconds in about one run in three).
            // So new chunks go to the end of the file for one retention time, as if those chunks were kept.
            store.setReuseSpace(false);
            reuseSpaceAgainAt = System.nanoTime() + (retention + 5_000L) * 1_000_000L;
        }
        return new long[] {before, store.getFileStore().size()};
    }

    /** Forces the file's written chunks to the disk. */
    void sync() {
        store.sync();
    }

    /** The share (percent) of the chunks' bytes that is live. */
    int chunksFillRate() {
        return store.getFileStore().getChunksFillRate();
    }
}
