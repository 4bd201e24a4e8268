package dev.agh.store.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants are stored as microseconds since the epoch, the finest precision both engines keep. */
final class Micros {
    private Micros() {}

    static Long of(Instant instant) {
        return instant == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static Instant get(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.EPOCH.plus(value, ChronoUnit.MICROS);
    }
}
