package dev.agh.store.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agh.store.ObserveStore;
import dev.agh.store.ObserveTable;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * {@link ObserveStore} on Jdbi: each {@link #read} runs in one REPEATABLE READ transaction, so the
 * several aggregate statements of one dashboard see one snapshot.
 *
 * <p>Reached without touching {@code StoreTransaction}/{@code JdbiTransaction}: either over a
 * {@link Jdbi} the caller has, or {@link #open} on the same JDBC URL as the task store (a second,
 * two-connection pool that never migrates: open the task store first). The intended final wiring
 * is one line in each of those two classes ({@code observe()} returning {@code new
 * JdbiObserveTable(handle)}), after which this class is only needed by tests.
 */
public final class JdbiObserveStore implements ObserveStore, AutoCloseable {
    private final Jdbi jdbi;
    private final HikariDataSource owned;

    private JdbiObserveStore(Jdbi jdbi, HikariDataSource owned) {
        this.jdbi = jdbi;
        this.owned = owned;
    }

    /** Reads through {@code jdbi}; closing this store does not close it. */
    public static JdbiObserveStore over(Jdbi jdbi) {
        return new JdbiObserveStore(jdbi, null);
    }

    /** Opens a small pool of its own on {@code jdbcUrl} (an already migrated agh database). */
    public static JdbiObserveStore open(String jdbcUrl) {
        Dialect.of(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setPoolName("agh-observe");
        config.setConnectionTimeout(10_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        return new JdbiObserveStore(Jdbi.create(dataSource), dataSource);
    }

    /** The observe table of a handle the caller manages (for code inside this package, e.g. a transaction). */
    static ObserveTable on(Handle handle) {
        return new JdbiObserveTable(handle);
    }

    @Override
    public <T> T read(Function<ObserveTable, T> work) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            return work.apply(new JdbiObserveTable(handle));
        });
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
