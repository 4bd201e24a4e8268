package dev.agh.cli.task;

import dev.agh.api.Requests.ListTasks;
import dev.agh.api.Responses.TaskListResponse;
import dev.agh.api.TaskSummaryPayload;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import dev.agh.domain.Limits;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agh task list} = {@code GET /api/tasks}. */
@Command(
        name = "list",
        description = "List tasks, most recently active first (GET /api/tasks).",
        footer = {
            "",
            "Examples:",
            "  agh task list --status ready --priority urgent",
            "  agh task list --query deploy -o jsonl"
        })
public final class TaskListCommand extends ApiCommand {
    @Option(names = "--scope", description = "global or workspace.")
    String scope;

    @Option(names = "--workspace", description = "Workspace id, name or path.")
    String workspace;

    @Option(names = "--status", description = "draft, blocked, ready, in_progress, completed, failed or canceled.")
    String status;

    @Option(names = "--priority", description = "low, medium, high or urgent.")
    String priority;

    @Option(names = "--drafts", description = "Include drafts.")
    boolean drafts;

    @Option(names = "--approval-state", description = "not_required, pending, approved or rejected.")
    String approvalState;

    @Option(names = "--owner-kind", description = "Owner kind, e.g. human or pool.")
    String ownerKind;

    @Option(names = "--owner-ref", description = "Owner reference.")
    String ownerRef;

    @Option(names = "--parent", description = "Only children of this task.")
    String parent;

    @Option(names = "--channel", description = "Network channel.")
    String channel;

    @Option(names = "--query", description = "Case-insensitive text in the title or identifier.")
    String query;

    @Option(names = "--limit", description = "At most this many tasks (default and 0: all of them, read page by page).")
    Integer limit;

    @Option(names = "--cursor", description = "Start after this next_cursor of an earlier list.")
    String cursor;

    /**
     * The server answers in pages (100 tasks unless asked for up to 1,000); a person asking for a list means all of
     * it, or the first {@code --limit}, so this follows {@code next_cursor} until either is reached.
     */
    @Override
    protected int run(Backend backend, Printer out) {
        int wanted = limit == null ? 0 : limit;
        ListTasks q = new ListTasks(
                scope,
                workspace,
                status,
                priority,
                drafts ? Boolean.TRUE : null,
                approvalState,
                ownerKind,
                ownerRef,
                parent,
                channel,
                query,
                pageSize(wanted, 0),
                cursor);
        List<TaskSummaryPayload> tasks = new ArrayList<>();
        TaskListResponse page;
        do {
            page = backend.service().listTasks(backend.caller(), q);
            tasks.addAll(page.tasks());
            q = q.after(page.nextCursor()).withLimit(pageSize(wanted, tasks.size()));
        } while (page.nextCursor() != null && (wanted == 0 || tasks.size() < wanted));
        TaskListResponse response = new TaskListResponse(tasks, page.nextCursor());
        out.printList(response, response.tasks(), w -> TaskText.table(w, response.tasks()));
        return 0;
    }

    private static int pageSize(int wanted, int have) {
        if (wanted < 0) {
            return wanted; // the service refuses it with the message a user should see
        }
        return wanted == 0 ? Limits.MAX_LIST_LIMIT : Math.min(Limits.MAX_LIST_LIMIT, Math.max(1, wanted - have));
    }
}
