package dev.agh.worker;

/**
 * What became of one claimed run.
 *
 * @param outcome {@code completed}, {@code failed}, {@code lease_lost} (the run was canceled, expired or
 *     taken away while the command ran: the command was stopped and nothing was reported), or {@code released}
 *     (the worker was stopped: the command too, and the run went back to the queue)
 * @param exitCode the command's exit status (-1 when it was stopped or could not start)
 */
public record Outcome(
        String taskId, String runId, int attempt, String outcome, int exitCode, long durationMs, String error) {
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String LEASE_LOST = "lease_lost";
    public static final String RELEASED = "released";
}
