package dev.agh.domain;

/** Broad classes of failure; each front end maps them once (HTTP status, CLI exit code). */
public enum ErrorKind {
    /** Bad input: validation, malformed JSON, unknown enum value. */
    INVALID,
    /** A request body over 4 MiB, or the metadata of a new task over 16 KiB (413). */
    TOO_LARGE,
    /** An id that does not exist. */
    NOT_FOUND,
    /** The request is valid but the current state does not allow it. */
    CONFLICT,
    /** A delete refused because of children or open runs, or an HTTP request that cannot be read (400). */
    REFUSED,
    /** No or unknown credentials. */
    UNAUTHENTICATED,
    /** Valid credentials that may not do this. */
    FORBIDDEN,
    /** A request body whose Content-Type is not {@code application/json} (415). */
    UNSUPPORTED_MEDIA_TYPE,
    /** The store or server cannot be reached, or the store is closed or owned by another process (503). */
    UNAVAILABLE,
    /** The store's disk is full: writes are refused until space is freed, reads keep working (507). */
    STORE_FULL,
    /** A bug. */
    INTERNAL
}
