package dev.agh.app.bench;

import dev.agh.api.Requests.DashboardQuery;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.api.Requests.InboxQuery;
import dev.agh.app.AppConfig;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.store.jdbi.seed.ObserveSeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code agh bench dashboard}: seeds a fresh store with a large history (see {@link ObserveSeed}),
 * then times the dashboard and the inbox as {@code LocalTaskService} answers them: unfiltered, for
 * one workspace, and (inbox) unread only. A completed task is run again before each round, as in a
 * store in use. Queries take turns, so a disturbance on a shared machine
 * spreads over all of them instead of spoiling one.
 *
 * <p>Embedded by default (H2 in a temporary directory, as a user gets it); with {@code --db} on a
 * PostgreSQL server it works in a fresh schema it drops afterwards.
 */
public final class DashboardBenchmark {
    private static final int WARM_UP_ROUNDS = 30;
    private static final Caller ACTOR = Caller.human(ObserveSeed.ACTOR, OriginKind.CLI);

    private DashboardBenchmark() {}

    public static Map<String, Object> run(
            AppConfig config, int tasks, int runs, int iterations, Consumer<String> progress) {
        Path dir = null;
        String schema = null;
        String url;
        try {
            if (config.dbUrl() == null) {
                dir = Files.createTempDirectory("agh-bench-dashboard");
                url = new AppConfig(dir, null, null, null, null, config.user()).ownerDbUrl();
            } else if (config.dbUrl().startsWith("jdbc:postgresql:")) {
                schema = "agh_bench_" + HexFormat.of().formatHex(randomBytes());
                execute(config.dbUrl(), "CREATE SCHEMA " + schema);
                url = config.dbUrl() + (config.dbUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
            } else {
                url = config.dbUrl();
            }
            return measure(url, tasks, runs, iterations, progress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (schema != null) {
                execute(config.dbUrl(), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            if (dir != null) {
                delete(dir);
            }
        }
    }

    private static Map<String, Object> measure(
            String url, int tasks, int runs, int iterations, Consumer<String> progress) {
        long seedStart = System.nanoTime();
        JdbiTaskStore.open(url, 1).close(); // the schema
        progress.accept("seeding " + tasks + " tasks and " + runs + " runs");
        ObserveSeed.seed(url, tasks, runs, Instant.now(), progress);
        // Statistics as a long-lived store has them (PostgreSQL's autovacuum, H2's automatic analysis).
        execute(url, url.startsWith("jdbc:postgresql:") ? "VACUUM ANALYZE" : "ANALYZE");
        if (!url.startsWith("jdbc:postgresql:")) {
            // Compacted, as the store's writer keeps a long-lived file: the seed's batches leave most of the
            // file garbage (11 % live at 100,000 tasks), and the timed rounds would measure the writer
            // compacting it instead of the queries.
            progress.accept("compacting the store file");
            execute(url, "SHUTDOWN COMPACT");
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        // The seed ran in this process: its garbage (and the closed database's page cache) would otherwise be
        // collected during the timed rounds, in pauses a serving process does not have.
        System.gc();
        try (LocalTaskService service = new LocalTaskService(JdbiTaskStore.open(url, 4), Clock.systemUTC())) {
            String workspace = service.listWorkspaces(ACTOR).workspaces().get(0).id();
            Map<String, Supplier<Object>> queries = new LinkedHashMap<>();
            queries.put("dashboard_ms", () -> service.dashboard(ACTOR, DashboardQuery.ALL));
            queries.put(
                    "dashboard_workspace_ms",
                    () -> service.dashboard(ACTOR, new DashboardQuery(null, workspace, null, null, null, null)));
            queries.put("inbox_ms", () -> service.inbox(ACTOR, InboxQuery.ALL));
            queries.put(
                    "inbox_workspace_ms",
                    () -> service.inbox(ACTOR, new InboxQuery(null, workspace, null, null, null, null, null, null)));
            queries.put(
                    "inbox_unread_ms",
                    () -> service.inbox(ACTOR, new InboxQuery(null, null, null, null, null, true, null, null)));
            List<String> rerun = completedTasks(url, iterations);
            // A serving process has compiled the engine's scan loops long ago; without enough rounds first,
            // the timed rounds measure the JIT compiler instead of the queries.
            int warmUp = Math.max(WARM_UP_ROUNDS, iterations / 2);
            progress.accept("warming up (" + warmUp + " rounds)");
            for (int i = 0; i < warmUp; i++) {
                queries.values().forEach(Supplier::get);
            }
            progress.accept("timing " + iterations + " rounds of " + queries.size() + " queries");
            Map<String, long[]> samples = new LinkedHashMap<>();
            queries.keySet().forEach(name -> samples.put(name, new long[iterations]));
            for (int i = 0; i < iterations; i++) {
                // One write per round, untimed, as agents keep writing while a dashboard polls: a new run of a
                // completed task (tasks, runs and events change). It also keeps H2 from answering a repeated
                // query from its cache of the last result, which it keeps while the tables read are unchanged.
                service.enqueueRun(ACTOR, rerun.get(i), new ExecuteTask(null, null, null));
                for (Map.Entry<String, Supplier<Object>> query : queries.entrySet()) {
                    long start = System.nanoTime();
                    query.getValue().get();
                    samples.get(query.getKey())[i] = System.nanoTime() - start;
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("engine", url.startsWith("jdbc:postgresql:") ? "postgresql" : "h2");
            out.put("tasks", tasks);
            out.put("runs", runs);
            out.put("seed_seconds", Math.round(seedSeconds * 10) / 10.0);
            out.put("iterations", iterations);
            samples.forEach((name, nanos) -> out.put(name, Percentiles.of(nanos, "p50", "p95")));
            return out;
        }
    }

    /** Completed tasks with an attempt left, one to run again before each round. */
    private static List<String> completedTasks(String url, int count) {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                java.sql.ResultSet rs =
                        s.executeQuery("SELECT t.id FROM tasks t WHERE t.status = 'completed' AND t.max_attempts > "
                                + "(SELECT MAX(r.attempt) FROM task_runs r WHERE r.task_id = t.id) ORDER BY t.id LIMIT "
                                + count)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return ids;
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            if (url.startsWith("jdbc:postgresql:")) {
                c.setAutoCommit(true);
            }
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all =
                    new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            all.forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
