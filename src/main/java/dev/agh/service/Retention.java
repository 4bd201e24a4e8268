package dev.agh.service;

import dev.agh.domain.Task;
import dev.agh.store.RetentionTable.ClosedRoot;
import dev.agh.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pruning finished work: a task tree goes, with its runs, events and triage rows, once every task in it closed
 * (completed, failed or canceled) before the cutoff, and no task outside it that is still open depends on one of
 * them. Whole trees only, so a tree view never loses part of its history; a tree with an open task stays whole.
 *
 * <p>Each step has two halves. {@link #plan} finds the next prunable trees in a read transaction, off the writer;
 * {@link #delete} then checks each of them again and deletes at most a {@link #BATCH} of tasks in one short write.
 * Pruning a large backlog is many small writes between everybody else's, never one long one.
 */
final class Retention {
    /**
     * Tasks deleted per write transaction. Small, because every other writer waits behind the step: with 25 a step
     * of finished cycles (a task, its run, about four events) holds the writer for a few milliseconds, and claim p99
     * stayed under 50 ms while a prune removed 100,000 of them (BENCHMARKS "History"); 100 took it to 95 ms.
     */
    static final int BATCH = 25;

    private static final int ROOT_PAGE = 50;

    private Retention() {}

    /**
     * The prunable trees found after {@code from}, about a batch of tasks in all, and where the pass goes on.
     * {@code done} when the pass reached the end: nothing after {@code next} is old enough.
     */
    record Plan(List<ClosedRoot> roots, long tasks, long runs, long events, ClosedRoot next, boolean done) {}

    /** What one write step deleted, and where the next plan starts. */
    record Deleted(long tasks, long runs, long events, ClosedRoot resumeAfter) {}

    /** Reads the next prunable trees after {@code from} (null: from the start), counting what they hold. */
    static Plan plan(StoreTransaction tx, Instant cutoff, ClosedRoot from, int batch) {
        List<ClosedRoot> chosen = new ArrayList<>();
        long tasks = 0;
        long runs = 0;
        long events = 0;
        ClosedRoot after = from;
        while (tasks < batch) {
            List<ClosedRoot> page = tx.retention().closedRootsAfter(cutoff, after, ROOT_PAGE);
            if (page.isEmpty()) {
                return new Plan(chosen, tasks, runs, events, after, true);
            }
            for (ClosedRoot root : page) {
                after = root;
                List<Task> tree = tx.trees().subtree(root.id());
                if (!prunable(tx, tree, cutoff)) {
                    continue;
                }
                List<String> ids = tree.stream().map(Task::id).toList();
                chosen.add(root);
                tasks += ids.size();
                runs += tx.retention().runsOf(ids);
                events += tx.retention().eventsOf(ids);
                if (tasks >= batch) {
                    break;
                }
            }
        }
        return new Plan(chosen, tasks, runs, events, after, false);
    }

    /**
     * Deletes the planned trees that are still prunable, leaves first, at most {@link #BATCH} tasks. A tree larger
     * than what is left of the batch goes in part when it is the first, and the next plan starts at it again.
     */
    static Deleted delete(Mutation m, Instant cutoff, Plan plan, ClosedRoot from) {
        StoreTransaction tx = m.tx;
        long tasks = 0;
        long runs = 0;
        long events = 0;
        ClosedRoot resume = plan.next();
        boolean partial = false;
        for (int i = 0; i < plan.roots().size(); i++) {
            ClosedRoot root = plan.roots().get(i);
            // Planned in another transaction: a task may have been reopened, or a new run queued, since.
            List<Task> tree = tx.trees().subtree(root.id());
            if (tree.isEmpty() || !prunable(tx, tree, cutoff)) {
                continue;
            }
            List<Task> order = tree.stream()
                    .sorted(Comparator.comparingInt(Task::depth).reversed())
                    .toList();
            if (tasks + order.size() > BATCH) {
                if (tasks > 0) {
                    // This tree and the rest of the plan go in the next step.
                    resume = i == 0 ? from : plan.roots().get(i - 1);
                    break;
                }
                order = order.subList(0, BATCH);
                resume = from;
                partial = true;
            }
            List<String> ids = order.stream().map(Task::id).toList();
            runs += tx.retention().runsOf(ids);
            events += tx.retention().eventsOf(ids);
            tasks += ids.size();
            ids.forEach(id -> TaskDeletion.prune(m, id));
            if (partial) {
                break;
            }
        }
        return new Deleted(tasks, runs, events, resume);
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
