package dev.agh.http;

import static dev.agh.http.Exchange.caller;
import static dev.agh.http.Exchange.json;

import dev.agh.api.Operation;
import dev.agh.api.Requests.AttachSession;
import dev.agh.api.Requests.Cancel;
import dev.agh.api.Requests.ClaimRun;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.api.Requests.FailRun;
import dev.agh.api.Requests.ListAllRuns;
import dev.agh.api.Requests.ListRuns;
import dev.agh.api.Requests.Pause;
import dev.agh.service.TaskService;
import io.javalin.Javalin;

/** Task execution ({@code /api/tasks/{id}/publish|start|approve|reject|cancel|runs}) and {@code /api/task-runs}. */
final class RunRoutes {
    private final TaskService service;

    RunRoutes(TaskService service) {
        this.service = service;
    }

    void register(Javalin app) {
        Routes.on(
                app,
                Operation.PUBLISH_TASK,
                ctx -> json(
                        ctx,
                        200,
                        service.publishTask(
                                caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, ExecuteTask.class))));
        Routes.on(
                app,
                Operation.START_TASK,
                ctx -> json(
                        ctx,
                        201,
                        service.startTask(
                                caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, ExecuteTask.class))));
        Routes.on(
                app,
                Operation.APPROVE_TASK,
                ctx -> json(
                        ctx,
                        201,
                        service.approveTask(
                                caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, ExecuteTask.class))));
        Routes.on(
                app,
                Operation.REJECT_TASK,
                ctx -> json(ctx, 200, service.rejectTask(caller(ctx), ctx.pathParam("id"))));
        Routes.on(
                app,
                Operation.PAUSE_TASK,
                ctx -> json(
                        ctx,
                        200,
                        service.pauseTask(caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, Pause.class))));
        Routes.on(
                app,
                Operation.RESUME_TASK,
                ctx -> json(
                        ctx,
                        200,
                        service.resumeTask(caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, Pause.class))));
        Routes.on(
                app,
                Operation.CANCEL_TASK,
                ctx -> json(
                        ctx,
                        200,
                        service.cancelTask(
                                caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, Cancel.class))));
        Routes.on(
                app,
                Operation.ENQUEUE_TASK_RUN,
                ctx -> json(
                        ctx,
                        201,
                        service.enqueueRun(
                                caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, ExecuteTask.class))));
        Routes.on(
                app,
                Operation.LIST_TASK_RUNS,
                ctx -> json(
                        ctx,
                        200,
                        service.listRuns(
                                caller(ctx),
                                ctx.pathParam("id"),
                                new ListRuns(
                                        Params.text(ctx, "status"),
                                        Params.text(ctx, "session_id"),
                                        Params.integer(ctx, "limit")))));

        Routes.on(
                app,
                Operation.LIST_RUNS,
                ctx -> json(
                        ctx,
                        200,
                        service.listAllRuns(
                                caller(ctx),
                                new ListAllRuns(
                                        Params.text(ctx, "status"),
                                        Params.text(ctx, "task_id"),
                                        Params.text(ctx, "session_id"),
                                        Params.text(ctx, "network_channel"),
                                        Params.text(ctx, "workspace"),
                                        Params.integer(ctx, "limit"),
                                        Params.text(ctx, "cursor")))));
        Routes.on(app, Operation.GET_TASK_RUN, ctx -> json(ctx, 200, service.getRun(caller(ctx), ctx.pathParam("id"))));
        Routes.on(
                app,
                Operation.CLAIM_TASK_RUN,
                ctx -> json(
                        ctx,
                        200,
                        service.claimRun(
                                caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, ClaimRun.class))));
        Routes.on(
                app,
                Operation.START_TASK_RUN,
                ctx -> json(
                        ctx,
                        200,
                        service.startRun(
                                caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, ClaimRun.class))));
        Routes.on(
                app,
                Operation.ATTACH_TASK_RUN_SESSION,
                ctx -> json(
                        ctx,
                        200,
                        service.attachSession(
                                caller(ctx), ctx.pathParam("id"), Exchange.body(ctx, AttachSession.class))));
        Routes.on(
                app,
                Operation.COMPLETE_TASK_RUN,
                ctx -> json(
                        ctx,
                        200,
                        service.completeRun(
                                caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, CompleteRun.class))));
        Routes.on(
                app,
                Operation.FAIL_TASK_RUN,
                ctx -> json(
                        ctx,
                        200,
                        service.failRun(caller(ctx), ctx.pathParam("id"), Exchange.body(ctx, FailRun.class))));
        Routes.on(
                app,
                Operation.CANCEL_TASK_RUN,
                ctx -> json(
                        ctx,
                        200,
                        service.cancelRun(caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, Cancel.class))));
    }
}
