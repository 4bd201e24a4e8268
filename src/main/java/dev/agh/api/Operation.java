package dev.agh.api;

/**
 * Every operation of the Tasks HTTP API, once: its operation id in {@code openapi.json}, method, path
 * template and who may call it. The route table, the client and the CLI's help are derived from this
 * list, and a test checks it against the OpenAPI document, so an operation is written in one place.
 */
public enum Operation {
    CREATE_TASK("createTask", "POST", "/api/tasks", Access.OPERATOR),
    LIST_TASKS("listTasks", "GET", "/api/tasks", Access.READ),
    GET_TASK("getTask", "GET", "/api/tasks/{id}", Access.READ),
    UPDATE_TASK("updateTask", "PATCH", "/api/tasks/{id}", Access.OPERATOR),
    DELETE_TASK("deleteTask", "DELETE", "/api/tasks/{id}", Access.OPERATOR),
    CREATE_CHILD_TASK("createChildTask", "POST", "/api/tasks/{id}/children", Access.OPERATOR),
    ADD_TASK_DEPENDENCY("addTaskDependency", "POST", "/api/tasks/{id}/dependencies", Access.OPERATOR),
    REMOVE_TASK_DEPENDENCY(
            "removeTaskDependency", "DELETE", "/api/tasks/{id}/dependencies/{depends_on_id}", Access.OPERATOR),
    PUBLISH_TASK("publishTask", "POST", "/api/tasks/{id}/publish", Access.OPERATOR),
    START_TASK("startTask", "POST", "/api/tasks/{id}/start", Access.OPERATOR),
    APPROVE_TASK("approveTask", "POST", "/api/tasks/{id}/approve", Access.OPERATOR),
    REJECT_TASK("rejectTask", "POST", "/api/tasks/{id}/reject", Access.OPERATOR),
    PAUSE_TASK("pauseTask", "POST", "/api/tasks/{id}/pause", Access.OPERATOR),
    RESUME_TASK("resumeTask", "POST", "/api/tasks/{id}/resume", Access.OPERATOR),
    CANCEL_TASK("cancelTask", "POST", "/api/tasks/{id}/cancel", Access.OPERATOR),
    ENQUEUE_TASK_RUN("enqueueTaskRun", "POST", "/api/tasks/{id}/runs", Access.OPERATOR),
    LIST_TASK_RUNS("listTaskRuns", "GET", "/api/tasks/{id}/runs", Access.READ),
    GET_TASK_TIMELINE("getTaskTimeline", "GET", "/api/tasks/{id}/timeline", Access.READ),
    STREAM_TASK("streamTask", "GET", "/api/tasks/{id}/stream", Access.READ),
    GET_TASK_TREE("getTaskTree", "GET", "/api/tasks/{id}/tree", Access.READ),
    MARK_TASK_READ("markTaskRead", "POST", "/api/tasks/{id}/triage/read", Access.OWN_VIEW),
    DISMISS_TASK("dismissTask", "POST", "/api/tasks/{id}/triage/dismiss", Access.OWN_VIEW),
    ARCHIVE_TASK("archiveTask", "POST", "/api/tasks/{id}/triage/archive", Access.OWN_VIEW),
    LIST_RUNS("listRuns", "GET", "/api/task-runs", Access.READ),
    GET_TASK_RUN("getTaskRun", "GET", "/api/task-runs/{id}", Access.READ),
    CLAIM_TASK_RUN("claimTaskRun", "POST", "/api/task-runs/{id}/claim", Access.OPERATOR),
    START_TASK_RUN("startTaskRun", "POST", "/api/task-runs/{id}/start", Access.OPERATOR),
    ATTACH_TASK_RUN_SESSION("attachTaskRunSession", "POST", "/api/task-runs/{id}/attach-session", Access.OPERATOR),
    COMPLETE_TASK_RUN("completeTaskRun", "POST", "/api/task-runs/{id}/complete", Access.OPERATOR),
    FAIL_TASK_RUN("failTaskRun", "POST", "/api/task-runs/{id}/fail", Access.OPERATOR),
    CANCEL_TASK_RUN("cancelTaskRun", "POST", "/api/task-runs/{id}/cancel", Access.OPERATOR),
    CLAIM_NEXT_AGENT_TASK("claimNextAgentTask", "POST", "/api/agent/tasks/claim-next", Access.AGENT),
    HEARTBEAT_AGENT_TASK_RUN("heartbeatAgentTaskRun", "POST", "/api/agent/tasks/{run_id}/heartbeat", Access.AGENT),
    START_AGENT_TASK_RUN("startAgentTaskRun", "POST", "/api/agent/tasks/{run_id}/start", Access.AGENT),
    COMPLETE_AGENT_TASK_RUN("completeAgentTaskRun", "POST", "/api/agent/tasks/{run_id}/complete", Access.AGENT),
    FAIL_AGENT_TASK_RUN("failAgentTaskRun", "POST", "/api/agent/tasks/{run_id}/fail", Access.AGENT),
    RELEASE_AGENT_TASK_RUN("releaseAgentTaskRun", "POST", "/api/agent/tasks/{run_id}/release", Access.AGENT),
    GET_TASK_DASHBOARD("getTaskDashboard", "GET", "/api/observe/tasks/dashboard", Access.READ),
    GET_TASK_INBOX("getTaskInbox", "GET", "/api/observe/tasks/inbox", Access.READ),
    // Beyond the published reference: workspaces and agent sessions (SPEC "Identity and security").
    CREATE_SESSION("createSession", "POST", "/api/sessions", Access.OPERATOR),
    LIST_SESSIONS("listSessions", "GET", "/api/sessions", Access.READ),
    GET_SESSION("getSession", "GET", "/api/sessions/{id}", Access.READ),
    /** An agent may stop its own session (a worker shutting down); the operator any session. */
    STOP_SESSION("stopSession", "POST", "/api/sessions/{id}/stop", Access.OPERATOR_OR_OWN_SESSION),
    CHECK_STORE("checkStore", "GET", "/api/store", Access.OPERATOR),
    PRUNE_STORE("pruneStore", "POST", "/api/store/prune", Access.OPERATOR),
    COMPACT_STORE("compactStore", "POST", "/api/store/compact", Access.OPERATOR),
    BACKUP_STORE("backupStore", "POST", "/api/store/backup", Access.OPERATOR),
    ADD_WORKSPACE("addWorkspace", "POST", "/api/workspaces", Access.OPERATOR),
    LIST_WORKSPACES("listWorkspaces", "GET", "/api/workspaces", Access.READ),
    REMOVE_WORKSPACE("removeWorkspace", "DELETE", "/api/workspaces", Access.OPERATOR),
    GET_OPENAPI_DOCUMENT("getOpenApiDocument", "GET", "/api/openapi.json", Access.PUBLIC);

    /** Who may call an operation. */
    public enum Access {
        /** The operator token only. */
        OPERATOR,
        /** An agent session: its own token, or the operator acting as one of its sessions. */
        AGENT,
        /** Any authenticated caller. */
        READ,
        /** Any authenticated caller, changing only what it sees itself: triage state is kept per caller. */
        OWN_VIEW,
        /** The operator, or the agent session the path names. */
        OPERATOR_OR_OWN_SESSION,
        /** Anyone, without a token: holds nothing private (the API description). */
        PUBLIC
    }

    private final String id;
    private final String method;
    private final String path;
    private final Access access;

    Operation(String id, String method, String path, Access access) {
        this.id = id;
        this.method = method;
        this.path = path;
        this.access = access;
    }

    /** The {@code operationId} in the OpenAPI document. */
    public String id() {
        return id;
    }

    public String method() {
        return method;
    }

    /** The path template, with {@code {name}} for each path parameter (Javalin's syntax too). */
    public String path() {
        return path;
    }

    public Access access() {
        return access;
    }
}
