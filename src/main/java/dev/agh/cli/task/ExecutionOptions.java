package dev.agh.cli.task;

import dev.agh.api.Requests.ExecuteTask;
import dev.agh.cli.DurationArgument;
import dev.agh.cli.JsonArgument;
import dev.agh.domain.AghException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** Options of the commands that make a run: publish, start, approve, enqueue. */
public final class ExecutionOptions {
    @Option(names = "--idempotency-key", description = "Repeat-safe key: the same key returns the same run.")
    String idempotencyKey;

    @Option(names = "--channel", description = "Network channel of the run (default: the task's).")
    String channel;

    @Option(names = "--metadata", paramLabel = "JSON|@FILE", description = "Run metadata (max 16 KiB).")
    String metadata;

    @Option(
            names = "--in",
            paramLabel = "DURATION",
            description = "Not claimable before this long from now, e.g. 10m or 2h.")
    String in;

    @Option(
            names = "--at",
            paramLabel = "TIME",
            description =
                    "Not claimable before this time: RFC 3339 (2026-05-01T09:00:00Z) or local (2026-05-01T09:00).")
    String at;

    ExecuteTask request() {
        if (in != null && at != null) {
            throw AghException.invalid("give --in or --at, not both");
        }
        Long delay = in == null ? null : DurationArgument.parse("--in", in).toSeconds();
        return new ExecuteTask(
                idempotencyKey,
                channel,
                JsonArgument.parse("--metadata", metadata),
                at == null ? null : time(at),
                delay);
    }

    /** An RFC 3339 time as given, or a local date-time in this machine's zone. */
    private static String time(String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toString();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text.trim())
                        .atZone(ZoneId.systemDefault())
                        .toOffsetDateTime()
                        .toString();
            } catch (DateTimeParseException e) {
                throw AghException.invalid(
                        "--at must look like 2026-05-01T09:00:00Z or 2026-05-01T09:00, got \"" + text + "\"");
            }
        }
    }
}
