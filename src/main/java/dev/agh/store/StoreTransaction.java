package dev.agh.store;

/** The tables of one transaction. */
public interface StoreTransaction {
    TaskTable tasks();

    RunTable runs();

    DependencyTable dependencies();

    EventTable events();

    WorkspaceTable workspaces();

    SessionTable sessions();

    TreeTable trees();

    TriageTable triage();

    /** The reads of retention (pruning finished work). */
    RetentionTable retention();

    /** The aggregate reads of the dashboard and the inbox. */
    ObserveTable observe();
}
