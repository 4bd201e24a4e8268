package dev.agh.service;

import dev.agh.domain.Task;
import dev.agh.store.StoreTransaction;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pruning finished work: a task tree goes, with its runs, events and triage rows, once every task in it closed
 * (completed, failed or canceled) before the cutoff, and no task outside it that is still open depends on one of
 * them. Whole trees only, so a tree view never loses part of its history; a tree with an open task stays whole.
 * Each call is one short transaction that deletes at most a batch, leaves first, so pruning a large backlog is
 * many small writes between everybody else's, never one long one.
 */
final class Retention {
    /** Tasks deleted per transaction. */
    static final int BATCH = 100;

    private static final int ROOT_PAGE = 50;

    private Retention() {}

    /** What one step did (or, dry, would do), and the root to go on after. */
    record Step(long tasks, long runs, long events, String cursor, boolean done) {}

    /** Deletes (or with {@code dryRun} only counts) up to {@link #BATCH} tasks of prunable trees after {@code cursor}. */
    static Step step(Mutation m, Instant cutoff, String cursor, boolean dryRun) {
        StoreTransaction tx = m.tx;
        long tasks = 0;
        long runs = 0;
        long events = 0;
        String after = cursor;
        while (tasks < BATCH) {
            List<String> roots = tx.retention().closedRootsBefore(cutoff, after, ROOT_PAGE);
            if (roots.isEmpty()) {
                return new Step(tasks, runs, events, after, true);
            }
            for (String root : roots) {
                List<Task> tree = tx.trees().subtree(root);
                if (!prunable(tx, tree, cutoff)) {
                    after = root;
                    continue;
                }
                // Leaves first: a task is deleted once its children are.
                List<Task> order = tree.stream()
                        .sorted(Comparator.comparingInt(Task::depth).reversed())
                        .toList();
                boolean whole = dryRun || tasks + order.size() <= BATCH;
                List<Task> now = whole ? order : order.subList(0, (int) (BATCH - tasks));
                List<String> ids = now.stream().map(Task::id).toList();
                runs += tx.retention().runsOf(ids);
                events += tx.retention().eventsOf(ids);
                tasks += ids.size();
                if (!dryRun) {
                    ids.forEach(id -> TaskDeletion.delete(m, id));
                }
                if (!whole) {
                    // The rest of this tree goes in the next step, from the same place.
                    return new Step(tasks, runs, events, after, false);
                }
                after = root;
                if (tasks >= BATCH) {
                    break;
                }
            }
        }
        return new Step(tasks, runs, events, after, false);
    }

    private static boolean prunable(StoreTransaction tx, List<Task> tree, Instant cutoff) {
        Set<String> inside = tree.stream().map(Task::id).collect(Collectors.toSet());
        for (Task task : tree) {
            if (!task.status().isClosed()
                    || task.closedAt() == null
                    || !task.closedAt().isBefore(cutoff)
                    || tx.runs().hasOpen(task.id())) {
                return false;
            }
            for (String dependent : tx.dependencies().dependents(task.id())) {
                if (!inside.contains(dependent)
                        && tx.tasks()
                                .find(dependent)
                                .map(t -> !t.status().isClosed())
                                .orElse(false)) {
                    return false;
                }
            }
        }
        return true;
    }
}
