package dev.agh.tui;

import dev.agh.api.Requests.Cancel;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.service.Caller;
import dev.agh.service.TaskService;

/** Calls the service for an {@link Action}; failures are the service's own exceptions. */
final class TaskActions {
    private static final ExecuteTask DEFAULT_RUN = new ExecuteTask(null, null, null);

    private final TaskService service;
    private final Caller caller;

    TaskActions(TaskService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    void perform(Action action, String taskId) {
        switch (action) {
            case APPROVE -> service.approveTask(caller, taskId, DEFAULT_RUN);
            case REJECT -> service.rejectTask(caller, taskId);
            case START -> service.startTask(caller, taskId, DEFAULT_RUN);
            case PUBLISH -> service.publishTask(caller, taskId, DEFAULT_RUN);
            case CANCEL -> service.cancelTask(caller, taskId, new Cancel("canceled in agh tui", null));
            case MARK_READ -> service.triageRead(caller, taskId);
            case DISMISS -> service.triageDismiss(caller, taskId);
            case ARCHIVE -> service.triageArchive(caller, taskId);
        }
    }
}
