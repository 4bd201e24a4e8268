package dev.agh.domain;

/** The one exception type of agh's rules: a stable code plus a message a person can act on. */
public final class AghException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public AghException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public AghException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorKind kind() {
        return code.kind();
    }

    public static AghException invalid(String message) {
        return new AghException(ErrorCode.VALIDATION_FAILED, message);
    }

    /** A field over its size limit: a validation error (422); 413 is kept for whole request bodies. */
    public static AghException tooLarge(String message) {
        return new AghException(ErrorCode.VALUE_TOO_LARGE, message);
    }

    /** Metadata of a new task over its limit: 413, as the contract documents for create. */
    public static AghException payloadTooLarge(String message) {
        return new AghException(ErrorCode.PAYLOAD_TOO_LARGE, message);
    }

    public static AghException taskNotFound(String id) {
        return new AghException(ErrorCode.TASK_NOT_FOUND, "task \"" + id + "\" not found");
    }

    public static AghException runNotFound(String id) {
        return new AghException(ErrorCode.RUN_NOT_FOUND, "task run \"" + id + "\" not found");
    }

    public static AghException conflict(ErrorCode code, String message) {
        return new AghException(code, message);
    }
}
