package dev.agh.store.jdbi;

import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.store.StoreTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread that runs the writes waiting at that moment in one database transaction, each
 * inside its own savepoint, and acknowledges them only after the commit. Writes are serialized
 * anyway (they share the event-sequence lock), so nothing is lost by one writer, and a commit —
 * the expensive, durable part — is paid once per batch instead of once per write. A failing write
 * rolls back to its savepoint and fails alone.
 *
 * <p>The writer keeps one connection of its own (not from the pool, so readers never wait for it) for
 * as long as it lives, with its statements prepared once ({@link RawSql#keeping}); after a failed
 * batch the connection is dropped and a new one opened for the next.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 64;
    private static final long IDLE_CHECK_NANOS = 30_000_000_000L;
    /**
     * Queued by {@link #close()} to wake the writer. Not an interrupt: an interrupt that lands while H2
     * writes its file (a commit, a compaction turn) closes H2's file channel under it.
     */
    private final Request<Void> WAKE = new Request<>(tx -> null);

    /** What a batch does last before its commit, with the highest event sequence it wrote. */
    interface BeforeCommit {
        void run(RawSql sql, long lastSequence);
    }

    private final Jdbi jdbi;
    private Handle handle;
    private RawSql sql;
    private volatile H2Compaction compaction;
    private long lastUsed;
    private final BlockingQueue<Request<?>> queue = new LinkedBlockingQueue<>();
    /** A full compaction asked for by {@link #compactNow}, run by the writer after its next batch. */
    private final java.util.concurrent.atomic.AtomicReference<CompletableFuture<long[]>> compactRequest =
            new java.util.concurrent.atomic.AtomicReference<>();

    private final List<LongConsumer> listeners;
    private final BeforeCommit beforeCommit;
    private final Thread writer;
    private volatile boolean closed;

    /** {@code beforeCommit}: runs in each batch that wrote events, before the commit (null: nothing). */
    GroupCommit(Jdbi jdbi, List<LongConsumer> listeners, BeforeCommit beforeCommit) {
        this.jdbi = jdbi;
        this.listeners = listeners;
        this.beforeCommit = beforeCommit;
        this.writer = new Thread(this::loop, "agh-writer");
        this.writer.setDaemon(true);
        this.writer.start();
        syncer.scheduleWithFixedDelay(this::syncIfWritten, SYNC_EVERY_MILLIS, SYNC_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    <T> T submit(Function<StoreTransaction, T> work) {
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("a write must not start another write");
        }
        if (closed) {
            throw new AghException(ErrorCode.SERVER_UNAVAILABLE, "the store is closed");
        }
        Request<T> request = new Request<>(work);
        queue.add(request);
        try {
            return request.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AghException(ErrorCode.SERVER_UNAVAILABLE, "interrupted while writing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void loop() {
        List<Request<?>> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            batch.removeIf(request -> request == WAKE);
            if (!batch.isEmpty()) {
                batches++;
                writes += batch.size();
                run(batch);
            }
            batch.clear();
        }
        disconnect();
        Request<?> left;
        while ((left = queue.poll()) != null) {
            left.result.completeExceptionally(new AghException(ErrorCode.SERVER_UNAVAILABLE, "the store is closed"));
        }
    }

    /** Batches run and the writes in them, since the writer started (written by the writer thread only). */
    private volatile long batches;

    private volatile long writes;

    /** {batches, writes} so far: how many writes a commit carries on average, for benchmarks. */
    long[] batchCounts() {
        return new long[] {batches, writes};
    }

    private void run(List<Request<?>> batch) {
        long written;
        try {
            connect();
            handle.begin();
            SequenceLease sequences = new SequenceLease(sql);
            JdbiTransaction tx = new JdbiTransaction(handle, sequences, sql);
            Connection connection = handle.getConnection();
            for (Request<?> request : batch) {
                long mark = sequences.mark();
                Savepoint savepoint = savepoint(connection);
                try {
                    request.value = request.work.apply(tx);
                    connection.releaseSavepoint(savepoint);
                } catch (RuntimeException e) {
                    connection.rollback(savepoint);
                    sequences.rollbackTo(mark);
                    request.failure = e;
                }
            }
            sequences.flush();
            written = sequences.written();
            if (written > 0 && beforeCommit != null) {
                beforeCommit.run(sql, written);
            }
            handle.commit();
            unsynced = true;
        } catch (RuntimeException | SQLException e) {
            LOG.warn("write batch of {} failed: {}", batch.size(), e.toString());
            disconnect();
            AghException failure = StoreFailures.classify(e, "write failed")
                    .orElseGet(() -> new AghException(
                            ErrorCode.SERVER_UNAVAILABLE, "database write failed: " + e.getMessage(), e));
            batch.forEach(r -> r.result.completeExceptionally(r.failure != null ? r.failure : failure));
            return;
        }
        batch.forEach(Request::finish);
        if (written > 0) {
            for (LongConsumer listener : listeners) {
                listener.accept(written);
            }
        }
        if (compaction != null && !closed) {
            compaction.maybeRun(queue.isEmpty()); // after the acknowledgements: the batch does not wait for it
        }
        CompletableFuture<long[]> compact = compactRequest.getAndSet(null);
        if (compact != null) {
            try {
                compact.complete(compaction == null ? null : compaction.compactFully(COMPACT_MILLIS));
            } catch (RuntimeException e) {
                compact.completeExceptionally(e);
            }
        }
    }

    /**
     * Forces the H2 file to the disk once a second when something was committed since the last time, on a thread of
     * its own so that no write waits for the disk: a power loss then loses at most about the last second, where the
     * kernel's writeback alone could leave 30 s unwritten. {@code kill -9} loses nothing either way, as every commit
     * is in the operating system before it is acknowledged.
     */
    private void syncIfWritten() {
        H2Compaction target = compaction;
        if (!unsynced || target == null) {
            return;
        }
        unsynced = false;
        try {
            target.sync();
        } catch (RuntimeException e) {
            unsynced = true;
            LOG.debug("forcing the store file to the disk failed: {}", e.toString());
        }
    }

    /** The longest a commit stays in the operating system's cache before it is forced to the disk. */
    static final long SYNC_EVERY_MILLIS = 1_000;

    private volatile boolean unsynced;
    private final java.util.concurrent.ScheduledExecutorService syncer =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "agh-file-sync");
                thread.setDaemon(true);
                return thread;
            });

    /** How long a full compaction may hold the writer. */
    private static final int COMPACT_MILLIS = 10_000;

    /**
     * Compacts the whole H2 file on the writer thread, between two batches (writes wait meanwhile, at most {@link
     * #COMPACT_MILLIS}); returns the file size before and after, or null when the store is not an H2 file.
     */
    long[] compactNow() {
        CompletableFuture<long[]> mine = new CompletableFuture<>();
        CompletableFuture<long[]> pending = compactRequest.compareAndExchange(null, mine);
        CompletableFuture<long[]> result = pending == null ? mine : pending;
        submit(tx -> null); // wakes the writer: the compaction runs right after this (empty) batch
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AghException(ErrorCode.SERVER_UNAVAILABLE, "interrupted while compacting", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * A plain JDBC savepoint. Always the same name: H2 runs a savepoint as a SQL command, and one text
     * is parsed once (its query cache) where numbered unnamed savepoints would be parsed every time.
     */
    private static Savepoint savepoint(Connection connection) throws SQLException {
        return connection.setSavepoint("op");
    }

    private void connect() {
        long now = System.nanoTime();
        // A connection idle for a while may have been closed by the server or a proxy (the pool would
        // have checked it; this one is ours): check it then, rather than fail the next batch on it.
        if (handle != null && now - lastUsed > IDLE_CHECK_NANOS && !valid(handle)) {
            disconnect();
        }
        if (handle == null) {
            handle = jdbi.open();
            sql = RawSql.keeping(handle.getConnection());
            compaction = H2Compaction.of(handle.getConnection());
        }
        lastUsed = now;
    }

    private static boolean valid(Handle handle) {
        try {
            return handle.getConnection().isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Drops the writer's connection (after a failure, or at close); the next batch opens a new one. */
    private void disconnect() {
        if (handle == null) {
            return;
        }
        try {
            sql.close();
            if (handle.isInTransaction()) {
                handle.rollback();
            }
        } catch (RuntimeException ignored) {
            // The connection is being thrown away; a failed rollback changes nothing.
        }
        try {
            handle.close();
        } catch (RuntimeException ignored) {
            // Same: nothing more to do with a broken connection.
        }
        handle = null;
        sql = null;
        compaction = null;
    }

    @Override
    public void close() {
        syncer.shutdown();
        closed = true;
        queue.add(WAKE);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Request<T> {
        final Function<StoreTransaction, T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();
        Object value;
        RuntimeException failure;

        Request(Function<StoreTransaction, T> work) {
            this.work = work;
        }

        @SuppressWarnings("unchecked")
        void finish() {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete((T) value);
            }
        }
    }
}
