package dev.agh.store.jdbi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Applies the versioned schema scripts in order, once each, recording them in {@code
 * agh_schema_version}. Hand-written rather than Flyway because every CLI invocation opens the
 * store: a classpath scan and checksum validation would cost more start-up time than the whole
 * command is allowed.
 */
final class Migrations {
    /** Every script, oldest first. A new schema change is a new file appended here, never an edit. */
    private static final List<String> SCRIPTS = List.of(
            "V001__schema.sql",
            "V002__runs_and_sessions.sql",
            "V003__live_views.sql",
            "V004__observe_indexes.sql",
            "V005__observe_summaries.sql",
            "V006__observe_covering_index.sql",
            "V007__inbox_lanes.sql",
            "V008__runs_recent_index.sql",
            "V009__retry_delay_pause.sql",
            "V010__closed_order_index.sql");

    private Migrations() {}

    static void apply(Jdbi jdbi, Dialect dialect) {
        // Every command opens the store: an up-to-date schema costs one read, not a DDL transaction.
        if (version(jdbi) == SCRIPTS.size()) {
            return;
        }
        try {
            migrate(jdbi, dialect);
        } catch (RuntimeException e) {
            // Two processes opening a new H2 file race to create it. H2 commits each CREATE at once, so
            // the loser fails on the first table the winner already made; it then waits for the winner.
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (version(jdbi) < SCRIPTS.size()) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static int version(Jdbi jdbi) {
        try {
            return jdbi.withHandle(h -> {
                // Asks the catalogue first: a failed query on a new store would leave an H2 trace file behind.
                boolean exists = h.createQuery(
                                        "SELECT COUNT(*) FROM information_schema.tables "
                                                + "WHERE LOWER(table_name) = 'agh_schema_version' AND table_schema = CURRENT_SCHEMA")
                                .mapTo(Integer.class)
                                .one()
                        > 0;
                return exists
                        ? h.createQuery("SELECT COALESCE(MAX(version), 0) FROM agh_schema_version")
                                .mapTo(Integer.class)
                                .one()
                        : 0;
            });
        } catch (RuntimeException notYetCreated) {
            return 0;
        }
    }

    private static void migrate(Jdbi jdbi, Dialect dialect) {
        jdbi.useTransaction(handle -> {
            handle.execute(
                    "CREATE TABLE IF NOT EXISTS agh_schema_version (version INT PRIMARY KEY, script VARCHAR(200) NOT NULL)");
            lockSchema(handle, dialect);
            int current = handle.createQuery("SELECT COALESCE(MAX(version), 0) FROM agh_schema_version")
                    .mapTo(Integer.class)
                    .one();
            for (int i = current; i < SCRIPTS.size(); i++) {
                String script = SCRIPTS.get(i);
                for (String statement : statements(load(script)
                        .replace("${text}", dialect.textType())
                        .replace("${stored}", dialect.storedGenerated()))) {
                    handle.execute(statement);
                }
                handle.createUpdate("INSERT INTO agh_schema_version (version, script) VALUES (:v, :s)")
                        .bind("v", i + 1)
                        .bind("s", script)
                        .execute();
            }
        });
    }

    /** Several nodes may start at once against one PostgreSQL database: only one migrates. */
    private static void lockSchema(Handle handle, Dialect dialect) {
        if (dialect == Dialect.POSTGRESQL) {
            handle.execute("SELECT pg_advisory_xact_lock(7433)");
        }
    }

    private static String load(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("/dev/agh/store/migrations/" + script)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> statements(String sql) {
        StringBuilder cleaned = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.trim().startsWith("--")) {
                cleaned.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(cleaned.toString().split(";"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
