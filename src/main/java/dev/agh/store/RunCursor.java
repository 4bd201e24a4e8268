package dev.agh.store;

import dev.agh.domain.AghException;
import dev.agh.domain.Run;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Where a page of the run list ended: the sort key of its last run (queue time, id). The next page starts
 * strictly after it, so pages never overlap. Opaque to clients: base64url of a versioned text.
 */
public record RunCursor(long queuedMicros, String id) {
    private static final String VERSION = "r1";

    public static RunCursor after(Run run) {
        return new RunCursor(ChronoUnit.MICROS.between(Instant.EPOCH, run.queuedAt()), run.id());
    }

    public String encode() {
        String text = VERSION + ":" + queuedMicros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor a client sent back; anything else is a validation error, never a 500. */
    public static RunCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split(":", 3);
            if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
                throw new IllegalArgumentException("unknown cursor format");
            }
            return new RunCursor(Long.parseLong(parts[1]), parts[2]);
        } catch (IllegalArgumentException e) {
            throw AghException.invalid("cursor is not one this server returned (use next_cursor of the previous page)");
        }
    }
}
