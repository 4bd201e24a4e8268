package dev.agh.cli.task;

import dev.agh.api.Requests.ExecuteTask;
import dev.agh.cli.JsonArgument;
import picocli.CommandLine.Option;

/** Options of the commands that make a run: publish, start, approve, enqueue. */
public final class ExecutionOptions {
  @Option(names = "--idempotency-key", description = "Repeat-safe key: the same key returns the same run.")
  String idempotencyKey;

  @Option(names = "--channel", description = "Network channel of the run (default: the task's).")
  String channel;

  @Option(names = "--metadata", paramLabel = "JSON|@FILE", description = "Run metadata (max 16 KiB).")
  String metadata;

  ExecuteTask request() {
    return new ExecuteTask(idempotencyKey, channel, JsonArgument.parse("--metadata", metadata));
  }
}
