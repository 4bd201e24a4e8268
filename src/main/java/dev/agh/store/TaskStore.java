package dev.agh.store;

import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Durable storage of tasks, runs, events and their neighbours.
 *
 * <p>{@link #write} runs its work in one transaction that holds the event-sequence lock from its
 * first statement to its commit: writes are serialized, so event sequences are gap-free in commit
 * order and a change, its status reconciliation and its events commit or vanish together.
 */
public interface TaskStore extends AutoCloseable {
    /** Runs {@code work} in one serialized read-write transaction and commits it. */
    <T> T write(Function<StoreTransaction, T> work);

    /**
     * Runs {@code work} as reads, off the writer. The isolation of every read, stated here once: each statement
     * sees what was committed when it started (auto-commit under READ COMMITTED on both engines). So a read never
     * waits for a write in progress and never sees part of one, and it sees every write acknowledged before it
     * began; two statements of one read may see different commits (docs/DECISIONS.md, "Consistency").
     */
    <T> T read(Function<StoreTransaction, T> work);

    /**
     * Called after each commit that wrote events, with the highest sequence it wrote: this process's
     * commits always, other processes' when {@link #toldOfOtherCommits} (0: look, something may have changed).
     */
    void onCommittedEvents(LongConsumer listener);

    /**
     * True while other processes' and nodes' commits reach {@link #onCommittedEvents} (PostgreSQL's
     * LISTEN/NOTIFY); when false, whoever waits for them reads {@link #latestEventSequence} now and then.
     */
    default boolean toldOfOtherCommits() {
        return false;
    }

    /** The highest event sequence committed so far (cheap: one row), for noticing other processes' writes. */
    long latestEventSequence();

    /** Sizes, row counts and the consistency of the store's own summaries (a few full scans: not for hot paths). */
    StoreFacts check();

    /**
     * Writes a consistent copy of the whole store to {@code file} while it keeps serving (H2: a zip of the database
     * file, taken with H2's online BACKUP); returns its size. PostgreSQL has its own tools (pg_dump): refused there.
     */
    long backup(java.nio.file.Path file);

    /**
     * Compacts the embedded file now so that it shrinks to about its live data; returns its size before and after
     * ({@code [before, after]}). PostgreSQL compacts itself (autovacuum): refused there.
     */
    long[] compact();

    /** Human-readable engine name: {@code h2} or {@code postgresql}. */
    String engine();

    @Override
    void close();
}
