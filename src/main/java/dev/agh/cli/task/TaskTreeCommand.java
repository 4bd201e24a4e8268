package dev.agh.cli.task;

import dev.agh.api.LiveResponses.TreeResponse;
import dev.agh.api.TreeNodePayload;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code agh task tree} = {@code GET /api/tasks/{id}/tree}. */
@Command(name = "tree", description = "A task and all its descendants (GET /api/tasks/{id}/tree).")
public final class TaskTreeCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
    String id;

    @Override
    protected int run(Backend backend, Printer out) {
        TreeResponse response = backend.service().tree(backend.caller(), id);
        // -o jsonl: one node per line, the root first (each says its parent and depth).
        List<TreeNodePayload> nodes = new ArrayList<>();
        nodes.add(response.tree().root());
        nodes.addAll(response.tree().descendants());
        out.printList(response, nodes, w -> LiveText.tree(w, response.tree()));
        return 0;
    }
}
