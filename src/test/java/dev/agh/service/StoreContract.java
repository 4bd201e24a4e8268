package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.DashboardPayload;
import dev.agh.api.Requests.BackupStore;
import dev.agh.api.Requests.PruneStore;
import dev.agh.api.StoreResponses.PrunePayload;
import dev.agh.api.StoreResponses.StoreCheckPayload;
import dev.agh.api.TaskPayload;
import dev.agh.domain.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/store} on every implementation: the check, retention (prune of finished trees) and the online backup.
 * Time moves with {@link #clock}, so "finished 31 days ago" is exact.
 */
abstract class StoreContract extends LeaseContract {
    private static final long DAY = 86_400;

    @TempDir
    Path backups;

    @Test
    void aFreshStoreChecksOkAndCountsItsRows() {
        TaskPayload task = createGlobal("One");
        runToCompletion(enqueue(task.id()).id());
        StoreCheckPayload store = service().checkStore(CALLER).store();
        assertThat(store.ok()).as("%s", store.problems()).isTrue();
        assertThat(store.tasks()).isEqualTo(1);
        assertThat(store.runs()).isEqualTo(1);
        assertThat(store.events()).isGreaterThanOrEqualTo(4);
        if (store.engine().equals("h2")) {
            assertThat(store.fileBytes()).isPositive();
            assertThat(store.liveBytes()).isBetween(1L, store.fileBytes());
        } else {
            assertThat(store.fileBytes()).isNull();
        }
    }

    @Test
    void pruneRemovesWholeFinishedTreesOlderThanTheAgeAndNothingElse() {
        TaskPayload oldParent = createGlobal("Old parent");
        TaskPayload oldChild = createChild(oldParent.id(), task("Old child"));
        runToCompletion(enqueue(oldChild.id()).id());
        runToCompletion(enqueue(oldParent.id()).id());
        TaskPayload oldFailed = create(task("Old failure").maxAttempts(1));
        runToFailure(enqueue(oldFailed.id()).id(), "boom");
        TaskPayload halfDone = createGlobal("Half done");
        TaskPayload doneChild = createChild(halfDone.id(), task("Done child"));
        runToCompletion(enqueue(doneChild.id()).id());
        TaskPayload needed = createGlobal("Needed by an open task");
        runToCompletion(enqueue(needed.id()).id());
        TaskPayload waiting = createGlobal("Still open");
        depend(waiting.id(), needed.id());
        clock.advance(Duration.ofDays(31));
        TaskPayload young = createGlobal("Young");
        runToCompletion(enqueue(young.id()).id());

        PrunePayload dry = prune(30 * DAY, true);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.tasks()).as("old parent, old child, old failure").isEqualTo(3);
        assertThat(dry.runs()).isEqualTo(3);
        assertThat(dry.events()).isPositive();
        assertThat(service().checkStore(CALLER).store().tasks())
                .as("a dry run removes nothing")
                .isEqualTo(8);

        PrunePayload done = prune(30 * DAY, false);
        assertThat(done.tasks()).isEqualTo(3);
        assertThat(done.runs()).isEqualTo(3);
        assertThat(done.events()).isEqualTo(dry.events());
        assertThat(done.cutoff()).isEqualTo(clock.instant().minusSeconds(30 * DAY));
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> detail(oldChild.id()));
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> detail(oldFailed.id()));
        for (TaskPayload kept : new TaskPayload[] {halfDone, doneChild, needed, waiting, young}) {
            assertThat(detail(kept.id()).task().id()).isEqualTo(kept.id());
        }
        assertThat(detail(waiting.id()).dependencyReferences())
                .as("its dependency is still there")
                .hasSize(1);

        StoreCheckPayload after = service().checkStore(CALLER).store();
        assertThat(after.ok()).as("%s", after.problems()).isTrue();
        assertThat(after.tasks()).isEqualTo(5);
        DashboardPayload dashboard = service().dashboard(CALLER, null).dashboard();
        assertThat(dashboard.totals().tasksTotal())
                .as("the dashboard's totals follow")
                .isEqualTo(5);
        assertThat(dashboard.totals().failedTasks()).isZero();
        assertThat(prune(30 * DAY, false).tasks()).as("nothing left to prune").isZero();
    }

    @Test
    void pruneGoesThroughManyStepsAcrossStatusesTiesAndATreeLargerThanAStep() {
        // All closed at the same instant: the pass must page on the id among equal close times.
        // A tree of 1 + 4 + 240 tasks: more than two steps' worth, so it goes in parts, leaves first.
        TaskPayload big = createGlobal("Big tree");
        int children = 0;
        for (int i = 0; i < 4; i++) {
            TaskPayload branch = createChild(big.id(), task("Branch " + i));
            for (int j = 0; j < 60; j++) {
                cancelTask(createChild(branch.id(), task("Leaf " + i + "." + j)).id(), "done with");
            }
            cancelTask(branch.id(), "done with");
            children += 61;
        }
        cancelTask(big.id(), "done with");
        for (int i = 0; i < Retention.BATCH + 20; i++) {
            cancelTask(createGlobal("Canceled " + i).id(), "not needed");
        }
        for (int i = 0; i < 12; i++) {
            runToCompletion(enqueue(createGlobal("Completed " + i).id()).id());
        }
        TaskPayload failed = create(task("Failed").maxAttempts(1));
        runToFailure(enqueue(failed.id()).id(), "boom");
        TaskPayload open = createGlobal("Open with a closed child");
        cancelTask(createChild(open.id(), task("Closed child")).id(), "done with");
        clock.advance(Duration.ofDays(2));
        long prunable = 1 + children + Retention.BATCH + 20 + 12 + 1;

        PrunePayload dry = prune(DAY, true);
        assertThat(dry.tasks()).isEqualTo(prunable);
        assertThat(dry.runs()).isEqualTo(13);
        PrunePayload done = prune(DAY, false);
        assertThat(done.tasks()).isEqualTo(prunable);
        assertThat(done.runs()).isEqualTo(13);
        assertThat(done.events()).isEqualTo(dry.events());
        StoreCheckPayload after = service().checkStore(CALLER).store();
        assertThat(after.tasks()).as("the open tree stays whole").isEqualTo(2);
        assertThat(after.ok()).as("%s", after.problems()).isTrue();
        assertThat(detail(open.id()).summary().childCount()).isEqualTo(1);
    }

    @Test
    void aPruneWithMaxTasksStopsThereAndSaysSoUntilTheLastRequest() {
        for (int i = 0; i < 70; i++) {
            cancelTask(createGlobal("Old " + i).id(), "not needed");
        }
        TaskPayload young = createGlobal("Young");
        clock.advance(Duration.ofDays(2));
        cancelTask(young.id(), "closed just now");

        assertThat(prune(DAY, true).done())
                .as("a dry run counts everything at once")
                .isTrue();
        long removed = 0;
        int requests = 0;
        PrunePayload step;
        do {
            step = service().pruneStore(CALLER, new PruneStore(DAY, null, 30)).prune();
            requests++;
            removed += step.tasks();
            if (!step.done()) {
                assertThat(step.tasks())
                        .as("a request stops at its max_tasks, after a whole step")
                        .isBetween(30L, 30L + Retention.BATCH - 1);
            }
        } while (!step.done() && requests < 10);
        assertThat(step.done()).isTrue();
        assertThat(removed).isEqualTo(70);
        assertThat(requests).as("requests for 70 tasks, at least 30 a request").isBetween(2, 3);
        assertThat(service().checkStore(CALLER).store().tasks())
                .as("the young one stays")
                .isEqualTo(1);
        failsWith(ErrorCode.VALIDATION_FAILED, () -> service().pruneStore(CALLER, new PruneStore(DAY, null, 0)));
    }

    @Test
    void pruneIsTheOperatorsAndNeedsAnAge() {
        failsWith(ErrorCode.VALIDATION_FAILED, () -> service().pruneStore(CALLER, new PruneStore(null, null)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> service().pruneStore(CALLER, new PruneStore(-1L, null)));
        Agent agent = agent("janitor");
        failsWith(ErrorCode.OPERATOR_ONLY, () -> agent.service.pruneStore(agent.caller, new PruneStore(DAY, null)));
        failsWith(ErrorCode.OPERATOR_ONLY, () -> agent.service.checkStore(agent.caller));
        failsWith(
                ErrorCode.OPERATOR_ONLY, () -> agent.service.backupStore(agent.caller, new BackupStore("/tmp/x.zip")));
    }

    @Test
    void aBackupIsANewZipOfTheStoreOrRefusedOnPostgresql() throws Exception {
        createGlobal("Keep me");
        Path file = backups.resolve("agh.zip");
        if (!service().checkStore(CALLER).store().engine().equals("h2")) {
            failsWith(
                    ErrorCode.VALIDATION_FAILED, () -> service().backupStore(CALLER, new BackupStore(file.toString())));
            return;
        }
        long bytes = service()
                .backupStore(CALLER, new BackupStore(file.toString()))
                .backup()
                .bytes();
        assertThat(bytes).isEqualTo(Files.size(file)).isPositive();
        failsWith(ErrorCode.VALIDATION_FAILED, () -> service().backupStore(CALLER, new BackupStore(file.toString())));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> service().backupStore(CALLER, new BackupStore("relative.zip")));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> service()
                        .backupStore(
                                CALLER,
                                new BackupStore(
                                        backups.resolve("no/such/folder.zip").toString())));
    }

    @Test
    void compactShrinksTheFileAfterAPruneOrIsRefusedOnPostgresql() {
        if (!service().checkStore(CALLER).store().engine().equals("h2")) {
            failsWith(ErrorCode.VALIDATION_FAILED, () -> service().compactStore(CALLER));
            return;
        }
        for (int i = 0; i < 200; i++) {
            TaskPayload task = createGlobal("Churn " + i);
            cancelTask(task.id(), "not needed");
        }
        clock.advance(Duration.ofDays(2));
        assertThat(prune(DAY, false).tasks()).isEqualTo(200);
        var compact = service().compactStore(CALLER).compact();
        assertThat(compact.bytesAfter()).as("%s", compact).isPositive().isLessThan(compact.bytesBefore());
        assertThat(service().checkStore(CALLER).store().ok()).isTrue();
        assertThat(createGlobal("After the compaction").title()).isEqualTo("After the compaction");
        Agent agent = agent("compactor");
        failsWith(ErrorCode.OPERATOR_ONLY, () -> agent.service.compactStore(agent.caller));
    }

    PrunePayload prune(long seconds, boolean dry) {
        return service()
                .pruneStore(CALLER, new PruneStore(seconds, dry ? Boolean.TRUE : null))
                .prune();
    }
}
