package dev.agh.store.jdbi;

import dev.agh.store.DependencyTable;
import dev.agh.store.EventTable;
import dev.agh.store.ObserveTable;
import dev.agh.store.RunTable;
import dev.agh.store.SessionTable;
import dev.agh.store.StoreTransaction;
import dev.agh.store.TaskTable;
import dev.agh.store.TreeTable;
import dev.agh.store.TriageTable;
import dev.agh.store.WorkspaceTable;
import org.jdbi.v3.core.Handle;

/**
 * The tables of one Jdbi handle; a write transaction also holds the sequence lease. The tables on the
 * claim and complete path run their hot statements through {@code sql}, plain JDBC on the same
 * connection.
 */
final class JdbiTransaction implements StoreTransaction {
    private final Handle handle;
    private final SequenceLease sequences;
    private final RawSql sql;

    JdbiTransaction(Handle handle, SequenceLease sequences, RawSql sql) {
        this.handle = handle;
        this.sequences = sequences;
        this.sql = sql;
    }

    @Override
    public TaskTable tasks() {
        return new JdbiTaskTable(handle, sql);
    }

    @Override
    public RunTable runs() {
        return new JdbiRunTable(handle, sql);
    }

    @Override
    public DependencyTable dependencies() {
        return new JdbiDependencyTable(handle, sql);
    }

    @Override
    public EventTable events() {
        return new JdbiEventTable(handle, sequences, sql);
    }

    @Override
    public SessionTable sessions() {
        return new JdbiSessionTable(handle, sql);
    }

    @Override
    public WorkspaceTable workspaces() {
        return new JdbiWorkspaceTable(handle);
    }

    @Override
    public dev.agh.store.RetentionTable retention() {
        return new JdbiRetentionTable(handle);
    }

    @Override
    public TreeTable trees() {
        return new JdbiTreeTable(handle);
    }

    @Override
    public TriageTable triage() {
        return new JdbiTriageTable(handle);
    }

    @Override
    public ObserveTable observe() {
        return new JdbiObserveTable(handle);
    }
}
