package dev.agh.tui;

import dev.agh.api.Requests.DashboardQuery;
import dev.agh.api.Requests.InboxQuery;
import dev.agh.api.Requests.ListRuns;
import dev.agh.api.Requests.ListTasks;
import dev.agh.service.Caller;
import dev.agh.service.TaskService;
import java.time.Clock;

/** Reads the read models behind the screen through the service port (embedded or over HTTP alike). */
final class Reads {
    /** Most tasks the Tasks tab lists; the search filters what was read. */
    static final int TASK_LIMIT = 500;

    private static final int RUN_LIMIT = 50;
    /** Active runs listed on the dashboard tab: a screenful. */
    static final int ACTIVE_RUNS = 50;

    private final TaskService service;
    private final Caller caller;
    private final Clock clock;

    Reads(TaskService service, Caller caller, Clock clock) {
        this.service = service;
        this.caller = caller;
        this.clock = clock;
    }

    Snapshot snapshot() {
        // The screen has room for more active runs than the API's default four.
        var dashboard = service.dashboard(caller, DashboardQuery.ALL.withActiveLimit(ACTIVE_RUNS))
                .dashboard();
        var inbox = service.inbox(caller, InboxQuery.ALL).inbox();
        var tasks = service.listTasks(
                        caller,
                        new ListTasks(
                                null, null, null, null, true, null, null, null, null, null, null, TASK_LIMIT, null))
                .tasks();
        return new Snapshot(dashboard, inbox, tasks, clock.instant());
    }

    /** The task's detail, runs and tree read again, and the timeline events after those already held. */
    TaskView task(TaskView current) {
        String id = current.taskId();
        var detail = service.getTask(caller, id).task();
        var runs = service.listRuns(caller, id, new ListRuns(null, null, RUN_LIMIT))
                .runs();
        var tree = service.tree(caller, id).tree();
        var events = service.timeline(caller, id, current.lastSequence(), null).timeline();
        return current.withData(detail, runs, tree).withEvents(events);
    }
}
