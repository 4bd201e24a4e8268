package dev.agh.http;

import static dev.agh.http.Exchange.caller;
import static dev.agh.http.Exchange.json;

import dev.agh.api.Operation;
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
        // Answered later: a waiting claim is parked without a Jetty thread, so thousands of waiting agents do not
        // starve the other requests of threads.
        Routes.on(app, Operation.CLAIM_NEXT_AGENT_TASK, ctx -> {
            ClaimNext request = Exchange.optionalBody(ctx, ClaimNext.class);
            var caller = caller(ctx);
            boolean waited = request != null && Boolean.TRUE.equals(request.waitForWork());
            ctx.future(() -> service.claimNextLater(caller, request).thenAccept(claim -> {
                if (claim.isPresent() && waited && ClientConnection.gone(ctx)) {
                    // Nobody would read this claim: put the run back at once (a release keeps its attempt) instead of
                    // leaving it claimed by a dead client until its lease expires.
                    service.releaseLease(
                            caller, claim.get().claim().run().id(), new Release("the waiting client disconnected"));
                    ctx.status(204);
                } else if (claim.isPresent()) {
                    json(ctx, 200, claim.get());
                } else {
                    ctx.status(204);
                }
            }));
        });
        Routes.on(
                app,
                Operation.HEARTBEAT_AGENT_TASK_RUN,
                ctx -> json(
                        ctx,
                        200,
                        service.heartbeat(caller(ctx), ctx.pathParam("run_id"), Exchange.body(ctx, Heartbeat.class))));
        Routes.on(
                app,
                Operation.START_AGENT_TASK_RUN,
                ctx -> json(ctx, 200, service.startLease(caller(ctx), ctx.pathParam("run_id"))));
        Routes.on(
                app,
                Operation.COMPLETE_AGENT_TASK_RUN,
                ctx -> json(
                        ctx,
                        200,
                        service.completeLease(
                                caller(ctx), ctx.pathParam("run_id"), Exchange.body(ctx, CompleteRun.class))));
        Routes.on(
                app,
                Operation.FAIL_AGENT_TASK_RUN,
                ctx -> json(
                        ctx,
                        200,
                        service.failLease(caller(ctx), ctx.pathParam("run_id"), Exchange.body(ctx, FailRun.class))));
        Routes.on(
                app,
                Operation.RELEASE_AGENT_TASK_RUN,
                ctx -> json(
                        ctx,
                        200,
                        service.releaseLease(caller(ctx), ctx.pathParam("run_id"), Exchange.body(ctx, Release.class))));
    }
}
