package dev.agh.tui;

import dev.agh.api.Requests.AddDependency;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.api.Requests.OwnerInput;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.Databases;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A real {@link LocalTaskService} on an H2 file in a temp directory, with a small board: a task awaiting
 * approval, one with a queued run, a parent with a child that depends on another task, and a draft.
 */
final class TuiFixture implements AutoCloseable {
    final LocalTaskService service;
    final Caller caller = Caller.human("ana", OriginKind.CLI);
    String awaitingApproval;
    String queued;
    String parent;
    String child;
    String draft;

    TuiFixture(Path dir) {
        service = new LocalTaskService(JdbiTaskStore.open(Databases.h2Url(dir), 4), Clock.systemUTC());
    }

    TuiFixture withBoard() {
        awaitingApproval = create("TASK-50", "Deploy schema v7", "manual", false, null);
        queued = create("TASK-44", "Summarise incident 2231", null, false, "review");
        service.startTask(caller, queued, new ExecuteTask(null, null, null));
        parent = create("TASK-60", "Release 1.4", null, false, null);
        child = service.createChild(caller, parent, request("TASK-61", "Write release notes", null, false, null))
                .task()
                .id();
        service.addDependency(caller, child, new AddDependency(queued, null));
        draft = create("TASK-70", "Nightly export", null, true, null);
        return this;
    }

    String create(String identifier, String title, String approval, boolean draft, String channel) {
        return service.createTask(caller, request(identifier, title, approval, draft, channel))
                .task()
                .id();
    }

    private static CreateTask request(String identifier, String title, String approval, boolean draft, String channel) {
        return new CreateTask(
                null,
                identifier,
                "global",
                null,
                channel,
                title,
                null,
                null,
                null,
                null,
                draft ? true : null,
                approval,
                new OwnerInput("human", "ana"),
                null);
    }

    /** The state the UI would show on this tab after its first read. */
    TuiState state(Tab tab, boolean color) {
        Reads reads = new Reads(service, caller, Clock.systemUTC());
        return TuiState.initial(color, "embedded h2").withData(reads.snapshot()).withTab(tab);
    }

    TaskView task(String taskId) {
        return new Reads(service, caller, Clock.systemUTC()).task(TaskView.loading(taskId));
    }

    @Override
    public void close() {
        service.close();
    }
}
