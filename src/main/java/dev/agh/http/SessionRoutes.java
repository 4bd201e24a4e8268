package dev.agh.http;

import static dev.agh.http.Exchange.caller;
import static dev.agh.http.Exchange.json;

import dev.agh.api.Requests.NewSession;
import dev.agh.service.TaskService;
import io.javalin.Javalin;

/** {@code /api/sessions}: agent sessions (an agh extension; creating one needs the operator token). */
final class SessionRoutes {
  private final TaskService service;

  SessionRoutes(TaskService service) {
    this.service = service;
  }

  void register(Javalin app) {
    app.post("/api/sessions", ctx -> json(ctx, 201, service.createSession(caller(ctx), Exchange.body(ctx, NewSession.class))));
    app.get("/api/sessions", ctx -> json(ctx, 200, service.listSessions(caller(ctx))));
    app.get("/api/sessions/{id}", ctx -> json(ctx, 200, service.getSession(caller(ctx), ctx.pathParam("id"))));
    app.post("/api/sessions/{id}/stop", ctx -> json(ctx, 200, service.stopSession(caller(ctx), ctx.pathParam("id"))));
  }
}
