package dev.agh.tui;

import java.util.Locale;

/** A selectable line of a list: which task ⏎ opens and the action keys act on. */
public record TaskRow(String taskId, String identifier, String title) {
    /**
     * Hex digits a search needs before it is read as the start of the id of a task that has an
     * identifier, as with a short commit hash. Ids are {@code task-} and 16 random hex digits, so a
     * shorter fragment such as {@code TASK-44} would match the id of one such task in 256 by chance and
     * put a stranger under the cursor.
     */
    static final int ID_PREFIX_DIGITS = 8;

    /**
     * Whether the row matches a search text, case-insensitive: anywhere in the identifier or the title,
     * or the start of the id. The lists show the id where a task has no identifier, so there any start
     * of it matches, as seen; a task with an identifier matches by id from {@link #ID_PREFIX_DIGITS} on.
     */
    public boolean matches(String search) {
        if (search == null || search.isBlank()) {
            return true;
        }
        String needle = search.toLowerCase(Locale.ROOT).trim();
        return contains(identifier, needle) || contains(title, needle) || startsTheId(needle);
    }

    private boolean startsTheId(String needle) {
        if (taskId == null || !taskId.toLowerCase(Locale.ROOT).startsWith(needle)) {
            return false;
        }
        boolean idIsShown = identifier == null || identifier.isBlank();
        return idIsShown || needle.length() >= taskId.indexOf('-') + 1 + ID_PREFIX_DIGITS;
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }
}
