package dev.agh.domain;

/** Stable machine-readable error codes; their names are part of the public contract. */
public enum ErrorCode {
    VALIDATION_FAILED(ErrorKind.INVALID),
    MALFORMED_JSON(ErrorKind.INVALID),
    /** An HTTP request that cannot be read: a malformed chunked body, a connection cut mid-body (400). */
    MALFORMED_REQUEST(ErrorKind.REFUSED),
    PAYLOAD_TOO_LARGE(ErrorKind.TOO_LARGE),
    VALUE_TOO_LARGE(ErrorKind.INVALID),
    TASK_NOT_FOUND(ErrorKind.NOT_FOUND),
    RUN_NOT_FOUND(ErrorKind.NOT_FOUND),
    WORKSPACE_NOT_FOUND(ErrorKind.NOT_FOUND),
    SESSION_NOT_FOUND(ErrorKind.NOT_FOUND),
    DEPENDENCY_NOT_FOUND(ErrorKind.NOT_FOUND),
    ROUTE_NOT_FOUND(ErrorKind.NOT_FOUND),
    TASK_ALREADY_EXISTS(ErrorKind.CONFLICT),
    WORKSPACE_ALREADY_EXISTS(ErrorKind.CONFLICT),
    WORKSPACE_IN_USE(ErrorKind.CONFLICT),
    INVALID_TRANSITION(ErrorKind.CONFLICT),
    DEPENDENCY_EXISTS(ErrorKind.CONFLICT),
    DEPENDENCY_CYCLE(ErrorKind.CONFLICT),
    GRAPH_LIMIT_EXCEEDED(ErrorKind.CONFLICT),
    OPEN_RUN_EXISTS(ErrorKind.CONFLICT),
    ATTEMPTS_EXHAUSTED(ErrorKind.CONFLICT),
    TASK_NOT_EXECUTABLE(ErrorKind.CONFLICT),
    LEASE_ALREADY_HELD(ErrorKind.CONFLICT),
    NO_ACTIVE_LEASE(ErrorKind.CONFLICT),
    LEASE_EXPIRED(ErrorKind.CONFLICT),
    TOKEN_MISMATCH(ErrorKind.CONFLICT),
    IDEMPOTENCY_CONFLICT(ErrorKind.CONFLICT),
    SESSION_ALREADY_BOUND(ErrorKind.CONFLICT),
    /** A manual claim refused by the owner rules; 409 because the contract documents no 403 there. */
    CLAIM_NOT_ALLOWED(ErrorKind.CONFLICT),
    TASK_HAS_CHILDREN(ErrorKind.REFUSED),
    TASK_HAS_OPEN_RUNS(ErrorKind.REFUSED),
    /** A body that is not {@code application/json}. */
    UNSUPPORTED_MEDIA_TYPE(ErrorKind.UNSUPPORTED_MEDIA_TYPE),
    UNAUTHENTICATED(ErrorKind.UNAUTHENTICATED),
    FORBIDDEN(ErrorKind.FORBIDDEN),
    FOREIGN_RUN(ErrorKind.FORBIDDEN),
    WORKSPACE_FORBIDDEN(ErrorKind.FORBIDDEN),
    /** An agent session token used on an operator-only operation. */
    OPERATOR_ONLY(ErrorKind.FORBIDDEN),
    /** A browser request from another origin, or a Host header that does not name the server. */
    ORIGIN_REFUSED(ErrorKind.FORBIDDEN),
    SERVER_UNAVAILABLE(ErrorKind.UNAVAILABLE),
    /** The server is shutting down (stopped, or idle for its {@code --idle-exit} time); a new one takes over. */
    SERVER_STOPPING(ErrorKind.UNAVAILABLE),
    /** The store is closed, failing, or owned by another process; retry later. */
    STORE_UNAVAILABLE(ErrorKind.UNAVAILABLE),
    /** The store's disk is full; writing resumes by itself once space is freed. */
    STORE_FULL(ErrorKind.STORE_FULL),
    INTERNAL_ERROR(ErrorKind.INTERNAL);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The code for a name received over the wire; unknown names keep their kind through {@code fallback}. */
    public static ErrorCode fromName(String name, ErrorCode fallback) {
        for (ErrorCode code : values()) {
            if (code.name().equals(name)) {
                return code;
            }
        }
        return fallback;
    }
}
