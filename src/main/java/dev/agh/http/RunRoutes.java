package dev.agh.http;

import static dev.agh.http.Exchange.caller;
import static dev.agh.http.Exchange.json;

import dev.agh.api.Requests.AttachSession;
import dev.agh.api.Requests.Cancel;
import dev.agh.api.Requests.ClaimRun;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.api.Requests.FailRun;
import dev.agh.api.Requests.ListRuns;
import dev.agh.service.TaskService;
import io.javalin.Javalin;

/** Task execution ({@code /api/tasks/{id}/publish|start|approve|reject|cancel|runs}) and {@code /api/task-runs}. */
final class RunRoutes {
  private final TaskService service;

  RunRoutes(TaskService service) {
    this.service = service;
  }

  void register(Javalin app) {
    app.post("/api/tasks/{id}/publish", ctx ->
        json(ctx, 200, service.publishTask(caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, ExecuteTask.class))));
    app.post("/api/tasks/{id}/start", ctx ->
        json(ctx, 201, service.startTask(caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, ExecuteTask.class))));
    app.post("/api/tasks/{id}/approve", ctx ->
        json(ctx, 201, service.approveTask(caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, ExecuteTask.class))));
    app.post("/api/tasks/{id}/reject", ctx -> json(ctx, 200, service.rejectTask(caller(ctx), ctx.pathParam("id"))));
    app.post("/api/tasks/{id}/cancel", ctx ->
        json(ctx, 200, service.cancelTask(caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, Cancel.class))));
    app.post("/api/tasks/{id}/runs", ctx ->
        json(ctx, 201, service.enqueueRun(caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, ExecuteTask.class))));
    app.get("/api/tasks/{id}/runs", ctx -> json(ctx, 200, service.listRuns(caller(ctx), ctx.pathParam("id"),
        new ListRuns(Params.text(ctx, "status"), Params.text(ctx, "session_id"), Params.integer(ctx, "limit")))));

    app.get("/api/task-runs/{id}", ctx -> json(ctx, 200, service.getRun(caller(ctx), ctx.pathParam("id"))));
    app.post("/api/task-runs/{id}/claim", ctx ->
        json(ctx, 200, service.claimRun(caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, ClaimRun.class))));
    app.post("/api/task-runs/{id}/start", ctx ->
        json(ctx, 200, service.startRun(caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, ClaimRun.class))));
    app.post("/api/task-runs/{id}/attach-session", ctx ->
        json(ctx, 200, service.attachSession(caller(ctx), ctx.pathParam("id"), Exchange.body(ctx, AttachSession.class))));
    app.post("/api/task-runs/{id}/complete", ctx ->
        json(ctx, 200, service.completeRun(caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, CompleteRun.class))));
    app.post("/api/task-runs/{id}/fail", ctx ->
        json(ctx, 200, service.failRun(caller(ctx), ctx.pathParam("id"), Exchange.body(ctx, FailRun.class))));
    app.post("/api/task-runs/{id}/cancel", ctx ->
        json(ctx, 200, service.cancelRun(caller(ctx), ctx.pathParam("id"), Exchange.optionalBody(ctx, Cancel.class))));
  }
}
