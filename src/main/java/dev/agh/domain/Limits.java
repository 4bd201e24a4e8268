package dev.agh.domain;

import java.util.regex.Pattern;

/** Structural and size limits (as upstream), checked by the service before anything is written. */
public final class Limits {
    public static final int MAX_DEPTH = 8;
    public static final int MAX_CHILDREN = 64;
    public static final int MAX_DEPENDENCIES = 32;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final int MAX_ATTEMPTS_CAP = 10;
    public static final int MAX_METADATA_BYTES = 16 * 1024;
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    /** Titles, identifiers and names are single-line labels; longer text belongs in the description. */
    public static final int MAX_LABEL_CHARS = 1000;

    public static final int MAX_DESCRIPTION_CHARS = 1_000_000;
    public static final int MAX_ID_CHARS = 128;
    /** Idempotency keys are compared and stored with the run: a label, not a payload. */
    public static final int MAX_IDEMPOTENCY_KEY_CHARS = 255;
    /** Tasks on one page of {@code GET /api/tasks} when no limit is given, and the most one page may hold. */
    public static final int DEFAULT_LIST_LIMIT = 100;

    public static final int MAX_LIST_LIMIT = 1000;
    /**
     * How deep a JSON request may nest, envelope included. Far above what metadata needs, far below what
     * a response wrapping the value (a few levels more) could still write and read back.
     */
    public static final int MAX_JSON_DEPTH = 64;

    public static final Pattern CHANNEL = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");

    private Limits() {}

    public static String requireChannel(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String channel = value.trim();
        if (!CHANNEL.matcher(channel).matches()) {
            throw AghException.invalid(field + " must match " + CHANNEL.pattern() + ", got \"" + value + "\"");
        }
        return channel;
    }
}
