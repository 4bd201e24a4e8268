package dev.agh.store.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.store.StoreFacts;
import dev.agh.store.StoreTransaction;
import dev.agh.store.TaskStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/** {@link TaskStore} on Jdbi over a small connection pool. */
public final class JdbiTaskStore implements TaskStore {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final List<LongConsumer> eventListeners = new CopyOnWriteArrayList<>();
    private final GroupCommit writer;
    /** Other nodes' commits (PostgreSQL only; null on H2). */
    private final PgCommitNotices notices;

    private JdbiTaskStore(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        // Optional filters bind every parameter and use only those present in the SQL text.
        jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
        this.dialect = dialect;
        this.notices = dialect == Dialect.POSTGRESQL
                ? new PgCommitNotices(
                        dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword(), eventListeners)
                : null;
        this.writer =
                new GroupCommit(ownConnection(dataSource), eventListeners, notices == null ? null : notices::send);
    }

    /** Opens (and migrates) the database at {@code jdbcUrl} with at most {@code poolSize} connections. */
    public static JdbiTaskStore open(String jdbcUrl, int poolSize) {
        Dialect dialect = Dialect.of(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setPoolName("agh");
        config.setAutoCommit(true);
        // Fail fast with a clear message instead of Hikari's 30 s wait when the database is down.
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(10_000);
        config.setExceptionOverride(StoreFailures.evictOnStoreFailure());
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            String root = String.valueOf(rootMessage(e));
            if (root.contains("file is locked")
                    || root.contains("already in use")
                    || root.contains("Locked by another process")) {
                throw new AghException(
                        ErrorCode.STORE_UNAVAILABLE,
                        "the store " + redact(jdbcUrl).split(";", 2)[0]
                                + " is in use by another process (a running agh serve owns it: commands without --db and --embedded go through it)",
                        e);
            }
            throw new AghException(
                    ErrorCode.SERVER_UNAVAILABLE, "cannot open database " + redact(jdbcUrl) + ": " + root, e);
        }
        JdbiTaskStore store = new JdbiTaskStore(dataSource, dialect);
        try {
            Migrations.apply(store.jdbi, dialect);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * The writer's connections come straight from the driver, not from the pool: the writer keeps one
     * for its whole life (with its prepared statements), and must not take a pooled one from readers.
     */
    private static Jdbi ownConnection(HikariDataSource dataSource) {
        Jdbi writer = dataSource.getUsername() == null
                ? Jdbi.create(dataSource.getJdbcUrl())
                : Jdbi.create(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
        writer.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
        return writer;
    }

    @Override
    public <T> T write(Function<StoreTransaction, T> work) {
        return writer.submit(work);
    }

    /** {write batches committed, writes in them} since the store opened: writes per commit, for benchmarks. */
    public long[] writeBatchCounts() {
        return writer.batchCounts();
    }

    @Override
    public <T> T read(Function<StoreTransaction, T> work) {
        // Auto-commit, no transaction: under READ COMMITTED (the default of both engines) every statement
        // sees what was committed when it started, in a transaction or not, so begin/commit and the
        // isolation switch bought nothing but four more calls per read (round trips on PostgreSQL).
        return withConnection(() -> jdbi.withHandle(
                handle -> work.apply(new JdbiTransaction(handle, null, RawSql.oneShot(handle.getConnection())))));
    }

    @Override
    public void onCommittedEvents(LongConsumer listener) {
        eventListeners.add(listener);
    }

    @Override
    public boolean toldOfOtherCommits() {
        return notices != null && notices.listening();
    }

    @Override
    public long latestEventSequence() {
        return withConnection(() ->
                jdbi.withHandle(h -> h.createQuery("SELECT counter_value FROM agh_counters WHERE name = 'event_seq'")
                        .mapTo(Long.class)
                        .one()));
    }

    @Override
    public StoreFacts check() {
        return withConnection(() -> jdbi.withHandle(h -> StoreCheck.run(h, dialect)));
    }

    @Override
    public long backup(java.nio.file.Path file) {
        if (dialect != Dialect.H2) {
            throw AghException.invalid("agh store backup copies the embedded store; back up PostgreSQL with pg_dump");
        }
        java.nio.file.Path target = file.toAbsolutePath();
        if (java.nio.file.Files.exists(target)) {
            throw AghException.invalid("backup file " + target + " already exists; choose a new name");
        }
        if (target.getParent() == null || !java.nio.file.Files.isDirectory(target.getParent())) {
            throw AghException.invalid("the folder of " + target + " does not exist");
        }
        withConnection(() -> jdbi.withHandle(h -> {
            // A path in an SQL string literal: quotes doubled. H2 copies the file under its own lock: consistent.
            h.execute("BACKUP TO '" + target.toString().replace("'", "''") + "'");
            return null;
        }));
        try {
            return java.nio.file.Files.size(target);
        } catch (java.io.IOException e) {
            throw new AghException(
                    ErrorCode.STORE_UNAVAILABLE, "the backup " + target + " was not written: " + e.getMessage(), e);
        }
    }

    @Override
    public long[] compact() {
        long[] sizes = dialect == Dialect.H2 ? writer.compactNow() : null;
        if (sizes == null) {
            throw AghException.invalid(
                    "agh store compact compacts the embedded store; PostgreSQL compacts itself (autovacuum)");
        }
        return sizes;
    }

    @Override
    public String engine() {
        return dialect == Dialect.H2 ? "h2" : "postgresql";
    }

    @Override
    public void close() {
        writer.close();
        if (notices != null) {
            notices.close();
        }
        dataSource.close();
    }

    /**
     * Runs a read. When it fails because the store was closed under the pool (H2 closes a database after an I/O
     * error such as a full disk), every pooled connection is bound to the dead database: they are all evicted and
     * the read is tried once more on a fresh connection, which opens the database again if it can.
     */
    private <T> T withConnection(java.util.function.Supplier<T> work) {
        try {
            return readOnce(work);
        } catch (AghException e) {
            if (e.code() != ErrorCode.STORE_UNAVAILABLE) {
                throw e;
            }
            dataSource.getHikariPoolMXBean().softEvictConnections();
            return readOnce(work);
        }
    }

    private static <T> T readOnce(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ConnectionException e) {
            throw StoreFailures.classify(e, "read failed")
                    .orElseGet(() -> new AghException(
                            ErrorCode.SERVER_UNAVAILABLE, "database unavailable: " + rootMessage(e), e));
        } catch (AghException e) {
            throw e;
        } catch (RuntimeException e) {
            throw StoreFailures.classify(e, "read failed").orElseThrow(() -> e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
