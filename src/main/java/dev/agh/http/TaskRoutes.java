package dev.agh.http;

import static dev.agh.http.Exchange.caller;
import static dev.agh.http.Exchange.json;

import dev.agh.api.Operation;
import dev.agh.api.Requests.AddDependency;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.ListTasks;
import dev.agh.api.Requests.UpdateTask;
import dev.agh.service.TaskService;
import io.javalin.Javalin;
import io.javalin.http.Context;

/** {@code /api/tasks} CRUD, children and dependencies. */
final class TaskRoutes {
    private final TaskService service;

    TaskRoutes(TaskService service) {
        this.service = service;
    }

    void register(Javalin app) {
        Routes.on(
                app,
                Operation.CREATE_TASK,
                ctx -> json(ctx, 201, service.createTask(caller(ctx), Exchange.body(ctx, CreateTask.class))));
        Routes.on(app, Operation.LIST_TASKS, ctx -> json(ctx, 200, service.listTasks(caller(ctx), listQuery(ctx))));
        Routes.on(app, Operation.GET_TASK, ctx -> json(ctx, 200, service.getTask(caller(ctx), ctx.pathParam("id"))));
        Routes.on(
                app,
                Operation.UPDATE_TASK,
                ctx -> json(
                        ctx,
                        200,
                        service.updateTask(caller(ctx), ctx.pathParam("id"), Exchange.body(ctx, UpdateTask.class))));
        Routes.on(app, Operation.DELETE_TASK, ctx -> {
            service.deleteTask(caller(ctx), ctx.pathParam("id"));
            ctx.status(204);
        });
        Routes.on(
                app,
                Operation.CREATE_CHILD_TASK,
                ctx -> json(
                        ctx,
                        201,
                        service.createChild(caller(ctx), ctx.pathParam("id"), Exchange.body(ctx, CreateTask.class))));
        Routes.on(
                app,
                Operation.ADD_TASK_DEPENDENCY,
                ctx -> json(
                        ctx,
                        200,
                        service.addDependency(
                                caller(ctx), ctx.pathParam("id"), Exchange.body(ctx, AddDependency.class))));
        Routes.on(
                app,
                Operation.REMOVE_TASK_DEPENDENCY,
                ctx -> json(
                        ctx,
                        200,
                        service.removeDependency(caller(ctx), ctx.pathParam("id"), ctx.pathParam("depends_on_id"))));
    }

    private static ListTasks listQuery(Context ctx) {
        return new ListTasks(
                Params.text(ctx, "scope"),
                Params.text(ctx, "workspace"),
                Params.text(ctx, "status"),
                Params.text(ctx, "priority"),
                Params.bool(ctx, "include_drafts"),
                Params.text(ctx, "approval_state"),
                Params.text(ctx, "owner_kind"),
                Params.text(ctx, "owner_ref"),
                Params.text(ctx, "parent_task_id"),
                Params.text(ctx, "network_channel"),
                Params.text(ctx, "query"),
                Params.integer(ctx, "limit"),
                Params.text(ctx, "cursor"));
    }
}
