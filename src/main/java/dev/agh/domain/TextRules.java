package dev.agh.domain;

/**
 * What characters text input may hold, one rule for every surface. NUL is refused everywhere: PostgreSQL
 * cannot store it in text or JSON, and H2 would keep what PostgreSQL refuses, so the engines would differ.
 * Labels (titles, names, references, keys) are single lines: no control character at all. Free text
 * (descriptions, reasons, errors, metadata, results) keeps tabs, line breaks and terminal escapes a
 * command's output may carry.
 */
public final class TextRules {
    private TextRules() {}

    /** Refuses a NUL anywhere in {@code value}. */
    public static void requireNoNul(String field, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw AghException.invalid(field + " must not contain a NUL character (U+0000)");
        }
    }

    /** Refuses any control character (U+0000-U+001F, U+007F) in a single-line label. */
    public static void requireLabel(String field, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw AghException.invalid(field + " must be a single line without control characters (found U+"
                        + String.format("%04X", (int) c) + " at position " + i + ")");
            }
        }
    }
}
