package dev.agh.cli.task;

import dev.agh.api.Json;
import dev.agh.api.LiveResponses.TreeResponse;
import dev.agh.api.StreamEventPayload;
import dev.agh.api.TreeNodePayload;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.OutputFormat;
import dev.agh.cli.Printer;
import dev.agh.domain.AghException;
import dev.agh.service.TaskWatch;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agh task watch} = {@code GET /api/tasks/{id}/stream}, followed until interrupted. */
@Command(
        name = "watch",
        description = "Follow the events of a task and its descendants live (GET /api/tasks/{id}/stream).",
        footer = {
            "",
            "Runs until interrupted (Ctrl-C), or until --count events were printed. A dropped connection is",
            "resumed after the last event printed, so none is lost or repeated. -o json and -o jsonl print each",
            "stream event ({\"sequence\",\"type\",\"timeline\"}) as one line.",
            "",
            "Examples:",
            "  agh task watch task-1a2b",
            "  agh task watch task-1a2b --after 0 -o jsonl",
            "  agh task watch task-1a2b --count 1"
        })
public final class TaskWatchCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
    String id;

    @Option(
            names = "--after",
            paramLabel = "N",
            description = "Replay the stored events with a sequence above N first (default: only new events).")
    Long after;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N events.")
    Integer count;

    @Override
    protected int run(Backend backend, Printer out) {
        if (count != null && count < 1) {
            throw AghException.invalid("--count must be 1 or more, got " + count);
        }
        long start = after != null ? after : latestSequence(backend);
        PrintWriter w = out.writer();
        AtomicInteger printed = new AtomicInteger();
        AtomicReference<TaskWatch> watch = new AtomicReference<>();
        TaskWatch started = backend.service().watch(backend.caller(), id, start, event -> {
            int n = printed.incrementAndGet();
            if (count != null && n > count) {
                return;
            }
            print(w, out.format(), event);
            TaskWatch self = watch.get();
            if (count != null && n == count && self != null) {
                self.close();
            }
        });
        watch.set(started);
        if (count != null && printed.get() >= count) {
            started.close();
        }
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.close();
        }
        return 0;
    }

    /** The newest event of the subtree so far: without --after, only what happens from now on is shown. */
    private long latestSequence(Backend backend) {
        TreeResponse tree = backend.service().tree(backend.caller(), id);
        long latest = tree.tree().root().task().latestEventSeq();
        if (tree.tree().descendants() != null) {
            for (TreeNodePayload node : tree.tree().descendants()) {
                latest = Math.max(latest, node.task().latestEventSeq());
            }
        }
        return latest;
    }

    private static void print(PrintWriter w, OutputFormat format, StreamEventPayload event) {
        if (format == OutputFormat.human) {
            w.println(LiveText.line(event.timeline(), true));
        } else {
            w.println(Json.write(event));
        }
        w.flush();
    }
}
