package dev.agh.store.jdbi;

import com.zaxxer.hikari.SQLExceptionOverride;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a store that cannot work right now (closed, shut down, its disk full, the server gone) from a bug, on
 * both engines. Such failures answer 503 or 507 instead of 500, and the connections that saw them are dropped
 * from the pool: H2 closes a database after an I/O error, and a pooled connection bound to it would fail every
 * later read until a restart. A new connection opens the database again once the cause is gone.
 */
final class StoreFailures {
    /** H2: the database is closed (90098), closing (90121), or an I/O error hit the file (90028, 90031). */
    private static final java.util.Set<Integer> H2_UNAVAILABLE = java.util.Set.of(90098, 90121, 90028, 90031, 90067);

    private StoreFailures() {}

    /** The stable error for {@code failure}, if it is a store that cannot work right now. */
    static Optional<AghException> classify(Throwable failure, String what) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("no space left on device") || message.contains("disk full")) {
                return Optional.of(new AghException(
                        ErrorCode.STORE_FULL,
                        what + ": the store's disk is full; reads keep working and writes resume once space is freed",
                        failure));
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.equals("53100")) {
                    return Optional.of(new AghException(
                            ErrorCode.STORE_FULL,
                            what + ": the database's disk is full; writes resume once space is freed",
                            failure));
                }
                if (state.startsWith("08") || state.startsWith("57P") || H2_UNAVAILABLE.contains(sql.getErrorCode())) {
                    return Optional.of(new AghException(
                            ErrorCode.STORE_UNAVAILABLE,
                            what + ": the store is unavailable (" + firstLine(sql.getMessage()) + "); retry shortly",
                            failure));
                }
            }
        }
        return Optional.empty();
    }

    /** The pool's side: a connection that saw such a failure is evicted, whatever its SQL state says. */
    static SQLExceptionOverride evictOnStoreFailure() {
        return new EvictOnStoreFailure();
    }

    private static final class EvictOnStoreFailure implements SQLExceptionOverride {
        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException e) {
            return classify(e, "").isPresent()
                    ? SQLExceptionOverride.Override.MUST_EVICT
                    : SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
