package dev.agh.cli.task;

import dev.agh.api.Requests.ListTasks;
import dev.agh.api.Responses.TaskListResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agh task list} = {@code GET /api/tasks}. */
@Command(name = "list", description = "List tasks, most recently active first (GET /api/tasks).",
    footer = {"", "Examples:", "  agh task list --status ready --priority urgent", "  agh task list --query deploy -o jsonl"})
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

  @Option(names = "--limit", description = "At most this many tasks (0: no limit).")
  Integer limit;

  @Override
  protected int run(Backend backend, Printer out) {
    ListTasks q = new ListTasks(scope, workspace, status, priority, drafts ? Boolean.TRUE : null, approvalState,
        ownerKind, ownerRef, parent, channel, query, limit);
    TaskListResponse response = backend.service().listTasks(backend.caller(), q);
    out.printList(response, response.tasks(), w -> TaskText.table(w, response.tasks()));
    return 0;
  }
}
