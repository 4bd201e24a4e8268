package dev.agh.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The request bodies and query parameters of the Tasks API. Enum-valued fields stay strings here:
 * the service validates them, so an unknown value is the same 422 embedded and over HTTP.
 */
public final class Requests {
    private Requests() {}

    /** {@code owner} as sent: both parts required when present. */
    public record OwnerInput(String kind, String ref) {}

    /** Body of {@code POST /api/tasks} and {@code POST /api/tasks/{id}/children}. */
    public record CreateTask(
            String id,
            String identifier,
            String scope,
            String workspace,
            String networkChannel,
            String title,
            String description,
            String priority,
            Integer maxAttempts,
            Boolean autoEnqueueOnReady,
            Boolean draft,
            String approvalPolicy,
            OwnerInput owner,
            JsonNode metadata,
            RetryPolicyInput retryPolicy) {

        public CreateTask(
                String id,
                String identifier,
                String scope,
                String workspace,
                String networkChannel,
                String title,
                String description,
                String priority,
                Integer maxAttempts,
                Boolean autoEnqueueOnReady,
                Boolean draft,
                String approvalPolicy,
                OwnerInput owner,
                JsonNode metadata) {
            this(
                    id,
                    identifier,
                    scope,
                    workspace,
                    networkChannel,
                    title,
                    description,
                    priority,
                    maxAttempts,
                    autoEnqueueOnReady,
                    draft,
                    approvalPolicy,
                    owner,
                    metadata,
                    null);
        }

        /** A global task with this title and every other field left to the server's defaults. */
        public static CreateTask titled(String title) {
            return new CreateTask(
                    null, null, "global", null, null, title, null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * {@code retry_policy} as sent (agh extension): {@code strategy} none, fixed or exponential; unset delays and
     * jitter take the defaults of {@link dev.agh.domain.RetryPolicy}.
     */
    public record RetryPolicyInput(String strategy, Long baseDelaySeconds, Long maxDelaySeconds, Double jitter) {}

    /** Body of {@code PATCH /api/tasks/{id}}; absent (or null) fields stay as they are. */
    public record UpdateTask(
            String title,
            String description,
            String priority,
            Integer maxAttempts,
            Boolean autoEnqueueOnReady,
            String approvalPolicy,
            JsonNode metadata,
            String networkChannel,
            OwnerInput owner,
            Boolean clearOwner,
            RetryPolicyInput retryPolicy,
            Boolean clearRetryPolicy) {

        public UpdateTask(
                String title,
                String description,
                String priority,
                Integer maxAttempts,
                Boolean autoEnqueueOnReady,
                String approvalPolicy,
                JsonNode metadata,
                String networkChannel,
                OwnerInput owner,
                Boolean clearOwner) {
            this(
                    title,
                    description,
                    priority,
                    maxAttempts,
                    autoEnqueueOnReady,
                    approvalPolicy,
                    metadata,
                    networkChannel,
                    owner,
                    clearOwner,
                    null,
                    null);
        }
    }

    /** Body of {@code POST /api/tasks/{id}/dependencies}. */
    public record AddDependency(String dependsOnTaskId, String kind) {}

    /**
     * Query of {@code GET /api/tasks}. {@code limit} null or 0 means the default page ({@link
     * dev.agh.domain.Limits#DEFAULT_LIST_LIMIT}); {@code cursor} is the {@code next_cursor} of the previous page.
     */
    public record ListTasks(
            String scope,
            String workspace,
            String status,
            String priority,
            Boolean includeDrafts,
            String approvalState,
            String ownerKind,
            String ownerRef,
            String parentTaskId,
            String networkChannel,
            String query,
            Integer limit,
            String cursor) {
        /** The same filters, one page further on. */
        public ListTasks after(String nextCursor) {
            return new ListTasks(
                    scope,
                    workspace,
                    status,
                    priority,
                    includeDrafts,
                    approvalState,
                    ownerKind,
                    ownerRef,
                    parentTaskId,
                    networkChannel,
                    query,
                    limit,
                    nextCursor);
        }

        /** The same query with another page size. */
        public ListTasks withLimit(Integer pageSize) {
            return new ListTasks(
                    scope,
                    workspace,
                    status,
                    priority,
                    includeDrafts,
                    approvalState,
                    ownerKind,
                    ownerRef,
                    parentTaskId,
                    networkChannel,
                    query,
                    pageSize,
                    cursor);
        }
    }

    /**
     * Query of {@code GET /api/observe/tasks/dashboard}; {@code activeLimit} (agh extension, {@code active_limit})
     * is how many active runs to list: 4 by default, at most 1,000.
     */
    public record DashboardQuery(
            String scope,
            String workspace,
            String ownerKind,
            String ownerRef,
            String networkChannel,
            String originKind,
            Integer activeLimit) {
        public static final DashboardQuery ALL = new DashboardQuery(null, null, null, null, null, null);

        public DashboardQuery(
                String scope,
                String workspace,
                String ownerKind,
                String ownerRef,
                String networkChannel,
                String originKind) {
            this(scope, workspace, ownerKind, ownerRef, networkChannel, originKind, null);
        }

        /** The same filters, listing up to {@code limit} active runs. */
        public DashboardQuery withActiveLimit(Integer limit) {
            return new DashboardQuery(scope, workspace, ownerKind, ownerRef, networkChannel, originKind, limit);
        }
    }

    /** Query of {@code GET /api/observe/tasks/inbox}; {@code limit} is per lane (null: 100, 0: no limit). */
    public record InboxQuery(
            String scope,
            String workspace,
            String ownerKind,
            String ownerRef,
            String lane,
            Boolean unread,
            String query,
            Integer limit) {
        public static final InboxQuery ALL = new InboxQuery(null, null, null, null, null, null, null, null);
    }

    /** Body of the workspace registration (agh extension). */
    public record AddWorkspace(String path, String name) {}

    /**
     * Body of publish, start, approve and enqueue: how to make the run. {@code not_before} (an RFC 3339 time) or
     * {@code delay_seconds} (agh extensions, at most one of them) keep the run from being claimed before then.
     */
    public record ExecuteTask(
            String idempotencyKey, String networkChannel, JsonNode metadata, String notBefore, Long delaySeconds) {

        public ExecuteTask(String idempotencyKey, String networkChannel, JsonNode metadata) {
            this(idempotencyKey, networkChannel, metadata, null, null);
        }
    }

    /**
     * Body of {@code POST /api/store/prune} (agh extension): remove finished task trees closed more than {@code
     * older_than_seconds} ago; {@code dry_run} only counts them. {@code max_tasks} ends the request once about that
     * many tasks are gone (the answer says {@code done: false}), so a client prunes a large backlog in requests of a
     * bounded length.
     */
    public record PruneStore(Long olderThanSeconds, Boolean dryRun, Integer maxTasks) {
        public PruneStore(Long olderThanSeconds, Boolean dryRun) {
            this(olderThanSeconds, dryRun, null);
        }
    }

    /** Body of {@code POST /api/store/backup} (agh extension): an absolute path, on the server's machine, not yet there. */
    public record BackupStore(String path) {}

    /** Body of {@code POST /api/tasks/{id}/pause} and {@code /resume} (agh extensions). */
    public record Pause(String reason) {}

    /** Body of {@code POST /api/tasks/{id}/cancel} and {@code POST /api/task-runs/{id}/cancel}. */
    public record Cancel(String reason, JsonNode metadata) {}

    /** Body of the operator's run claim and start. */
    public record ClaimRun(String idempotencyKey) {}

    /** Body of {@code attach-session}. */
    public record AttachSession(String sessionId) {}

    /**
     * Body of a completion (operator or agent). {@code next} (agh extension, agent path only) claims the caller's next
     * run in the same transaction, with the criteria of a claim-next body: one request and one commit per cycle
     * instead of two. {@code wait} is refused there: a completion never waits for work.
     */
    public record CompleteRun(JsonNode result, ClaimNext next) {

        public CompleteRun(JsonNode result) {
            this(result, null);
        }
    }

    /**
     * Body of a failure (operator or agent). {@code retryable: false} (agh extension) says that trying again cannot
     * help: the task's retry policy does not queue another attempt. {@code next}: as on {@link CompleteRun}.
     */
    public record FailRun(String error, JsonNode metadata, Boolean retryable, ClaimNext next) {

        public FailRun(String error, JsonNode metadata, Boolean retryable) {
            this(error, metadata, retryable, null);
        }

        public FailRun(String error, JsonNode metadata) {
            this(error, metadata, null, null);
        }
    }

    /**
     * Body of {@code POST /api/agent/tasks/claim-next}. {@code wait_timeout_seconds} is an agh
     * extension: how long {@code wait: true} may hold the request (default 30, max 300).
     */
    public record ClaimNext(
            String workspaceId,
            java.util.List<String> requiredCapabilities,
            Integer priorityMin,
            Long leaseSeconds,

            @com.fasterxml.jackson.annotation.JsonProperty("wait")
            Boolean waitForWork,

            String idempotencyKey,
            Integer waitTimeoutSeconds) {}

    /** Body of a heartbeat. */
    public record Heartbeat(Long leaseSeconds) {}

    /** Body of a release. */
    public record Release(String reason) {}

    /** Query of {@code GET /api/tasks/{id}/runs}. */
    public record ListRuns(String status, String sessionId, Integer limit) {}

    /**
     * Query of {@code GET /api/task-runs} (agh extension): every filter optional; {@code workspace} is an id,
     * name or path; {@code limit} 100 by default, at most 1,000; {@code cursor} is a previous page's
     * {@code next_cursor}.
     */
    public record ListAllRuns(
            String status,
            String taskId,
            String sessionId,
            String networkChannel,
            String workspace,
            Integer limit,
            String cursor) {
        public static final ListAllRuns ALL = new ListAllRuns(null, null, null, null, null, null, null);
    }

    /** Body of session creation (agh extension). */
    public record NewSession(
            String agentName, String workspace, String name, String channel, java.util.List<String> capabilities) {}
}
