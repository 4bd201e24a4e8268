package dev.agh.store;

import dev.agh.domain.AghException;
import dev.agh.domain.Task;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Where a page of the task list ended: the sort key of its last task (activity, update and creation time, id). The
 * next page starts strictly after it, so pages never overlap; a task whose activity moves while a client pages is
 * seen where it sorts at the moment each page is read. Opaque to clients: base64url of a versioned text.
 */
public record TaskCursor(long lastActivityMicros, long updatedMicros, long createdMicros, String id) {
    private static final String VERSION = "t1";

    public static TaskCursor after(Task task) {
        return new TaskCursor(
                micros(task.lastActivityAt()), micros(task.updatedAt()), micros(task.createdAt()), task.id());
    }

    public String encode() {
        String text = VERSION + ":" + lastActivityMicros + ":" + updatedMicros + ":" + createdMicros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor a client sent back; anything else is a validation error, never a 500. */
    public static TaskCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split(":", 5);
            if (parts.length != 5 || !parts[0].equals(VERSION) || parts[4].isEmpty()) {
                throw new IllegalArgumentException("unknown cursor format");
            }
            return new TaskCursor(
                    Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]), parts[4]);
        } catch (IllegalArgumentException e) {
            throw AghException.invalid("cursor is not one this server returned (use next_cursor of the previous page)");
        }
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
