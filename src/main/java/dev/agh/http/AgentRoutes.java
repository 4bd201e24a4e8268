package dev.agh.http;

import static dev.agh.http.Exchange.caller;
import static dev.agh.http.Exchange.json;

import dev.agh.api.Requests.ClaimNext;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.FailRun;
import dev.agh.api.Requests.Heartbeat;
import dev.agh.api.Requests.Release;
import dev.agh.service.TaskService;
import io.javalin.Javalin;

/** {@code /api/agent/tasks}: the agent's lease path; callers must hold a session token. */
final class AgentRoutes {
  private final TaskService service;

  AgentRoutes(TaskService service) {
    this.service = service;
  }

  void register(Javalin app) {
    app.post("/api/agent/tasks/claim-next", ctx -> {
      var claim = service.claimNext(caller(ctx), Exchange.optionalBody(ctx, ClaimNext.class));
      if (claim.isPresent()) {
        json(ctx, 200, claim.get());
      } else {
        ctx.status(204);
      }
    });
    app.post("/api/agent/tasks/{run_id}/heartbeat", ctx ->
        json(ctx, 200, service.heartbeat(caller(ctx), ctx.pathParam("run_id"), Exchange.body(ctx, Heartbeat.class))));
    app.post("/api/agent/tasks/{run_id}/complete", ctx ->
        json(ctx, 200, service.completeLease(caller(ctx), ctx.pathParam("run_id"), Exchange.body(ctx, CompleteRun.class))));
    app.post("/api/agent/tasks/{run_id}/fail", ctx ->
        json(ctx, 200, service.failLease(caller(ctx), ctx.pathParam("run_id"), Exchange.body(ctx, FailRun.class))));
    app.post("/api/agent/tasks/{run_id}/release", ctx ->
        json(ctx, 200, service.releaseLease(caller(ctx), ctx.pathParam("run_id"), Exchange.body(ctx, Release.class))));
  }
}
