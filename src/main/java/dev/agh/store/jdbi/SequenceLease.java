package dev.agh.store.jdbi;

/**
 * The event-sequence counter of one write transaction. The counter row is locked by the first
 * statement of every write transaction and held to commit, which serializes writers: sequences
 * are then handed out in commit order with no gaps, on H2 and on PostgreSQL alike.
 */
final class SequenceLease {
    private final RawSql sql;
    private long last;
    private long first;

    SequenceLease(RawSql sql) {
        this.sql = sql;
        this.last = sql.one(
                        "SELECT counter_value FROM agh_counters WHERE name = 'event_seq' FOR UPDATE",
                        rs -> rs.getLong(1))
                .orElseThrow();
        this.first = last;
    }

    long next() {
        return ++last;
    }

    /** The current position, to return to if the work that follows is rolled back. */
    long mark() {
        return last;
    }

    void rollbackTo(long mark) {
        last = mark;
    }

    /** Highest sequence handed out, or 0 if this transaction wrote no event. */
    long written() {
        return last > first ? last : 0;
    }

    void flush() {
        if (last > first) {
            sql.update("UPDATE agh_counters SET counter_value = ? WHERE name = 'event_seq'", last);
        }
    }
}
