package dev.agh.store.jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Plain JDBC for the statements of the claim and complete path. Every write runs on the one writer
 * thread, and through Jdbi each statement cost ~10 µs on top of the engine's own work (named
 * parameter parsing, argument factories, statement context and cleanup) against ~3 µs for a prepared
 * statement executed again; a claim+complete cycle runs about twenty. The writer's connection lives
 * as long as the writer, so its statements are prepared once and kept ({@link #keeping}); on a pooled
 * connection (reads) each statement is closed right after use ({@link #oneShot}).
 */
final class RawSql implements AutoCloseable {
    /** Statements kept per writer connection; SQL texts vary only a little (claim paging). */
    private static final int KEPT = 128;

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final Map<String, PreparedStatement> kept;

    private RawSql(Connection connection, boolean keep) {
        this.connection = connection;
        this.kept = keep
                ? new LinkedHashMap<>(64, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                        if (size() <= KEPT) {
                            return false;
                        }
                        closeQuietly(eldest.getValue());
                        return true;
                    }
                }
                : null;
    }

    /** For the writer's own long-lived connection: statements are prepared once. */
    static RawSql keeping(Connection connection) {
        return new RawSql(connection, true);
    }

    /** For a borrowed connection: nothing outlives the call. */
    static RawSql oneShot(Connection connection) {
        return new RawSql(connection, false);
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... params) {
        List<T> rows = list(sql, row, params);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row: " + sql);
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    <T> List<T> list(String sql, Row<T> row, Object... params) {
        PreparedStatement statement = prepare(sql);
        try {
            bind(statement, params);
            try (ResultSet rs = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure(sql, e);
        } finally {
            release(statement);
        }
    }

    long count(String sql, Object... params) {
        return one(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    int update(String sql, Object... params) {
        PreparedStatement statement = prepare(sql);
        try {
            bind(statement, params);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(sql, e);
        } finally {
            release(statement);
        }
    }

    private PreparedStatement prepare(String sql) {
        try {
            if (kept == null) {
                return connection.prepareStatement(sql);
            }
            PreparedStatement statement = kept.get(sql);
            if (statement == null || statement.isClosed()) {
                statement = connection.prepareStatement(sql);
                kept.put(sql, statement);
            }
            return statement;
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        statement.clearParameters();
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
    }

    private void release(PreparedStatement statement) {
        if (kept == null) {
            closeQuietly(statement);
        }
    }

    /** The same exception type Jdbi throws, so callers see no difference between the two paths. */
    private static RuntimeException failure(String sql, SQLException e) {
        return new UnableToExecuteStatementException("failed: " + sql + ": " + e.getMessage(), e, null);
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // Closing a statement of a connection being discarded; nothing to do.
        }
    }

    @Override
    public void close() {
        if (kept != null) {
            kept.values().forEach(RawSql::closeQuietly);
            kept.clear();
        }
    }
}
