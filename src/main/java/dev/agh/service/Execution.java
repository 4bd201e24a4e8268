package dev.agh.service;

import static dev.agh.service.Mutation.payload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.domain.ActorKind;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.EventType;
import dev.agh.domain.Ids;
import dev.agh.domain.Limits;
import dev.agh.domain.Run;
import dev.agh.domain.Scope;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Enqueueing a run: the one primitive behind enqueue, start, publish, approve and auto-enqueue. */
final class Execution {
    /** Capabilities are single tokens: no spaces or commas, at most 128 bytes. */
    static final java.util.regex.Pattern CAPABILITY = java.util.regex.Pattern.compile("^[^\\s,]{1,128}$");

    private Execution() {}

    /** The run made (or found again by its idempotency key), and whether it was found again. */
    record Enqueued(Run run, boolean replay) {}

    /**
     * Enqueues a run of {@code taskId}. With an explicit key the same call returns the same run; a
     * {@code defaultKey} (start/publish/approve) only finds the task's open run again, so a call
     * after that run ended starts a new attempt.
     */
    static Enqueued enqueue(Mutation m, String taskId, ExecuteTask request, String defaultKey) {
        ExecuteTask r = request == null ? new ExecuteTask(null, null, null) : request;
        Instant notBefore = Inputs.notBefore(r.notBefore(), r.delaySeconds(), m.now);
        String explicitKey = Inputs.idempotencyKey("idempotency_key", r.idempotencyKey());
        if (explicitKey != null && explicitKey.length() > Limits.MAX_LABEL_CHARS) {
            throw AghException.invalid("idempotency_key is longer than " + Limits.MAX_LABEL_CHARS + " characters");
        }
        if (explicitKey == null && defaultKey == null && m.caller.actor().kind() != ActorKind.HUMAN) {
            throw AghException.invalid("enqueue_run.idempotency_key is required for non-human actors");
        }
        String channel = Limits.requireChannel("network_channel", r.networkChannel());
        String metadata = RunPayloads.checked("metadata", r.metadata(), Limits.MAX_METADATA_BYTES);
        List<String> capabilities = requiredCapabilities(r.metadata());
        Task task = m.lockTask(taskId);
        if (task.status() == TaskStatus.DRAFT || task.status() == TaskStatus.CANCELED) {
            throw AghException.conflict(
                    ErrorCode.TASK_NOT_EXECUTABLE,
                    "task \"" + taskId + "\" is " + task.status().wire());
        }
        if (explicitKey != null) {
            Optional<Run> earlier =
                    m.tx.runs().findIdempotent(explicitKey, m.origin.kind().wire(), m.origin.ref());
            if (earlier.isPresent()) {
                if (!earlier.get().taskId().equals(taskId)) {
                    throw AghException.conflict(
                            ErrorCode.IDEMPOTENCY_CONFLICT,
                            "idempotency key \"" + explicitKey + "\" is already bound to task \""
                                    + earlier.get().taskId() + "\"");
                }
                return new Enqueued(earlier.get(), true);
            }
        }
        Optional<Run> open = m.tx.runs().open(taskId);
        if (open.isPresent()) {
            if (explicitKey == null
                    && defaultKey != null
                    && defaultKey.equals(open.get().idempotencyKey())) {
                return new Enqueued(open.get(), true);
            }
            throw AghException.conflict(
                    ErrorCode.OPEN_RUN_EXISTS,
                    "task \"" + taskId + "\" has open run \"" + open.get().id()
                            + "\"; finish or cancel it before enqueueing another run");
        }
        int attempt = m.tx.runs().facts(taskId).maxAttempt() + 1;
        if (attempt > task.maxAttempts()) {
            throw AghException.conflict(
                    ErrorCode.ATTEMPTS_EXHAUSTED,
                    "task \"" + taskId + "\" exhausted max_attempts=" + task.maxAttempts());
        }
        String runId = Ids.run();
        String runChannel = channel != null ? channel : task.networkChannel();
        String coordination =
                task.scope() == Scope.WORKSPACE ? (runChannel != null ? runChannel : coordinationSlug(runId)) : null;
        String key = explicitKey != null ? explicitKey : defaultKey;
        Run run = Run.queued(
                runId,
                taskId,
                attempt,
                m.origin,
                key,
                runChannel,
                coordination,
                m.now,
                metadata,
                capabilities,
                notBefore);
        m.tx.runs().insert(run, task);
        if (explicitKey != null) {
            m.tx.runs().saveIdempotent(explicitKey, m.origin.kind().wire(), m.origin.ref(), run);
        }
        Task reconciled = m.reconcile(taskId);
        m.emit(
                taskId,
                runId,
                EventType.RUN_ENQUEUED,
                payload(
                        "attempt",
                        attempt,
                        "status",
                        "queued",
                        "task_status",
                        reconciled.status(),
                        "network_channel",
                        runChannel,
                        "coordination_channel_id",
                        coordination,
                        "idempotency_key",
                        key,
                        "not_before",
                        notBefore));
        return new Enqueued(m.tx.runs().find(runId).orElseThrow(), false);
    }

    /** Runs may name the capabilities a claimer must have, as {@code metadata.required_capabilities}. */
    private static List<String> requiredCapabilities(JsonNode metadata) {
        if (metadata == null || !metadata.has("required_capabilities")) {
            return List.of();
        }
        JsonNode list = metadata.get("required_capabilities");
        if (!list.isArray()) {
            throw AghException.invalid("metadata.required_capabilities must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
            JsonNode item = it.next();
            if (!item.isTextual() || !CAPABILITY.matcher(item.asText()).matches()) {
                throw AghException.invalid(
                        "metadata.required_capabilities entries must be non-blank words without spaces or commas");
            }
            if (!out.contains(item.asText())) {
                out.add(item.asText());
            }
        }
        return out;
    }

    /** {@code coord-} plus a slug of the run id, as upstream names per-run coordination channels. */
    static String coordinationSlug(String runId) {
        String slug =
                runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-").replaceAll("-+", "-");
        slug = slug.replaceAll("^[-_]+|[-_]+$", "");
        if (slug.length() > 58) {
            slug = slug.substring(0, 58);
        }
        return "coord-" + slug;
    }

    /**
     * A task that may be made to run now, by an operator's start or claim: not blocked by unfinished dependencies,
     * not a draft, not canceled. (Enqueueing alone allows a blocked task: its run then waits.)
     */
    static void requireExecutable(Task task) {
        if (task.status() == TaskStatus.BLOCKED
                || task.status() == TaskStatus.DRAFT
                || task.status() == TaskStatus.CANCELED) {
            throw AghException.conflict(
                    ErrorCode.TASK_NOT_EXECUTABLE,
                    "task \"" + task.id() + "\" is " + task.status().wire());
        }
    }
}
