package dev.agh.http;

import static dev.agh.http.Exchange.caller;
import static dev.agh.http.Exchange.json;

import dev.agh.api.Operation;
import dev.agh.api.Requests.DashboardQuery;
import dev.agh.api.Requests.InboxQuery;
import dev.agh.service.TaskService;
import io.javalin.Javalin;
import io.javalin.http.Context;

/** {@code /api/observe/tasks}: the dashboard and the caller's inbox. */
final class ObserveRoutes {
    private final TaskService service;

    ObserveRoutes(TaskService service) {
        this.service = service;
    }

    void register(Javalin app) {
        Routes.on(
                app,
                Operation.GET_TASK_DASHBOARD,
                ctx -> json(ctx, 200, service.dashboard(caller(ctx), dashboardQuery(ctx))));
        Routes.on(app, Operation.GET_TASK_INBOX, ctx -> json(ctx, 200, service.inbox(caller(ctx), inboxQuery(ctx))));
    }

    private static DashboardQuery dashboardQuery(Context ctx) {
        return new DashboardQuery(
                Params.text(ctx, "scope"),
                Params.text(ctx, "workspace"),
                Params.text(ctx, "owner_kind"),
                Params.text(ctx, "owner_ref"),
                Params.text(ctx, "network_channel"),
                Params.text(ctx, "origin_kind"),
                Params.integer(ctx, "active_limit"));
    }

    private static InboxQuery inboxQuery(Context ctx) {
        return new InboxQuery(
                Params.text(ctx, "scope"),
                Params.text(ctx, "workspace"),
                Params.text(ctx, "owner_kind"),
                Params.text(ctx, "owner_ref"),
                Params.text(ctx, "lane"),
                Params.bool(ctx, "unread"),
                Params.text(ctx, "query"),
                Params.integer(ctx, "limit"));
    }
}
